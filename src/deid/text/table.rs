//! Identifier columns of a comma-separated export pasted into a note: a header line of column
//! names (`patient_name,mrn,dob,accession,...`) says what each cell below it holds.
//!
//! A header is a line of at least 3 comma-separated names made only of letters, `_` and
//! spaces; the rows are the following lines with as many cells (a `"..."` cell may hold
//! commas), up to a line that has another count. Only identifier columns are read (MRN,
//! account, accession or specimen, member or policy, SSN); their cells are taken when they
//! hold a digit. Names and dates in such rows are left to their own rules.

use super::{Candidate, PhiKind};

/// Score of a cell found by its column.
const SCORE: u8 = 92;

/// The class of a column named `name` (lower case, `_` or spaces between words).
fn column_kind(name: &str) -> Option<PhiKind> {
    let key: String = name.trim().to_ascii_lowercase().chars().filter(char::is_ascii_alphabetic).collect();
    Some(match key.as_str() {
        "mrn" | "medicalrecordnumber" | "patientid" | "chart" | "chartnumber" => PhiKind::Mrn,
        "account" | "acct" | "accountnumber" | "har" | "visitnumber" | "fin" => PhiKind::Account,
        "accession" | "accessionnumber" | "specimenid" | "orderid" | "encounterid" | "claimid" => PhiKind::Id,
        "memberid" | "policynumber" | "subscriberid" | "mbi" => PhiKind::HealthPlan,
        "ssn" => PhiKind::Ssn,
        _ => return None,
    })
}

/// Byte ranges of the cells of `line` (starting at `at`), a `"..."` cell without its quotes.
fn cells(line: &str, at: usize) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut start = 0;
    let mut quoted = false;
    for (k, b) in line.bytes().enumerate() {
        match b {
            b'"' => quoted = !quoted,
            b',' if !quoted => {
                out.push((start, k));
                start = k + 1;
            }
            _ => {}
        }
    }
    out.push((start, line.len()));
    out.into_iter()
        .map(|(s, e)| {
            let cell = line.as_bytes().get(s..e).unwrap_or(&[]);
            let quoted = cell.len() >= 2 && cell.first() == Some(&b'"') && cell.last() == Some(&b'"');
            if quoted {
                (at + s + 1, at + e - 1)
            } else {
                (at + s, at + e)
            }
        })
        .collect()
}

/// Proposes the identifier cells of every comma-separated table in `text` that has a header.
pub(crate) fn find_tables(text: &str, out: &mut Vec<Candidate>) {
    // The column classes of the header above the current line (one per cell).
    let mut header: Option<Vec<Option<PhiKind>>> = None;
    let mut at = 0;
    for line in text.split('\n') {
        let start = at;
        at += line.len() + 1;
        let line = line.strip_suffix('\r').unwrap_or(line);
        if let Some(kinds) = &header {
            let row = cells(line, start);
            if row.len() == kinds.len() {
                for (&(s, e), kind) in row.iter().zip(kinds) {
                    let value = text.get(s..e).unwrap_or("");
                    if let Some(kind) = kind.filter(|_| value.bytes().any(|b| b.is_ascii_digit())) {
                        out.push(Candidate::new(kind, s, e, SCORE));
                    }
                }
                continue;
            }
            header = None;
        }
        // One pass over the bytes turns prose away before anything is allocated.
        let header_bytes = line.bytes().all(|b| b.is_ascii_alphabetic() || b == b'_' || b == b' ' || b == b',');
        if !header_bytes || line.bytes().filter(|&b| b == b',').count() < 2 {
            continue;
        }
        let names: Vec<&str> = line.split(',').collect();
        if names.iter().all(|n| !n.trim().is_empty()) {
            let kinds: Vec<Option<PhiKind>> = names.iter().map(|n| column_kind(n)).collect();
            if kinds.iter().any(Option::is_some) {
                header = Some(kinds);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn found(text: &str) -> Vec<(PhiKind, &str)> {
        let mut out = Vec::new();
        find_tables(text, &mut out);
        out.iter().map(|c| (c.kind, text.get(c.start..c.end).unwrap_or("?"))).collect()
    }

    #[test]
    fn identifier_columns_under_a_header() {
        let text = "Export:\npatient_name,mrn,dob,collected,accession,test,loinc,result,units\n\
\"Lindgren, Astrid\",MR5501823,1962-03-08,2026-01-15 07:42,A26-015-00412,HGB A1C,4548-4,7.9,%\n\
\"Lindgren, Astrid\",MR5501823,1962-03-08,2026-01-15 07:42,A26-015-00413,CREATININE,2160-0,1.31,mg/dL\n\
Reviewed, 3 results, 2 flags\n";
        assert_eq!(
            found(text),
            [
                (PhiKind::Mrn, "MR5501823"),
                (PhiKind::Id, "A26-015-00412"),
                (PhiKind::Mrn, "MR5501823"),
                (PhiKind::Id, "A26-015-00413")
            ]
        );
    }

    #[test]
    fn no_header_no_identifier_column_or_another_cell_count() {
        // LOINC codes, results and units are no identifiers; prose with commas is no header.
        assert!(found("test,loinc,result,units\nHGB A1C,4548-4,7.9,%\n").is_empty());
        assert!(found("Plan: labs, mrn, follow up\nCBC, 12345, BMP\n").is_empty());
        assert!(found("mrn,dob,test\n12345,2020-01-01\n").is_empty());
        assert!(found("name,mrn,test\nDoe,pending,CBC\n").is_empty());
        assert_eq!(found("name,mrn,test\r\nDoe,P123456,CBC\r\n"), [(PhiKind::Mrn, "P123456")]);
    }
}
