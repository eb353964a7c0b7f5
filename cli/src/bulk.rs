//! Bulk mode over NDJSON (one JSON value per line, e.g. a FHIR bulk export): every line goes
//! through one record operation on all cores, and the output keeps the input's line order.
//!
//! Lines are read in batches; the threads of a batch take lines from a shared counter (so one
//! slow record does not hold a whole share back), and the batch is written in order before the
//! next is read, which bounds memory to one batch. A line that fails is reported on stderr by
//! line number and error code (never its content) and produces no output line: nothing
//! unprocessed is ever passed through. Blank lines are skipped.

use std::io::{self, BufRead, BufReader, BufWriter, Write};
use std::path::Path;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Instant;

use crate::exit::{CliError, CliResult, Status};
use crate::files::{self, PendingFile, Sensitivity};
use crate::progress::{Progress, Summary};

/// Longest line accepted (64 MiB); a longer one stops the run (the stream cannot be resynchronised
/// safely).
const MAX_LINE: u64 = 64 * 1024 * 1024;
/// Lines per thread per batch.
const LINES_PER_JOB: usize = 64;
/// Bytes per batch before it is processed, whatever the line count.
const BATCH_BYTES: usize = 16 * 1024 * 1024;

/// How a bulk run behaves.
#[derive(Clone, Copy, Debug)]
pub struct BulkOptions<'a> {
    /// Worker threads (at least 1).
    pub jobs: usize,
    /// Stop at the first failing line (exit with its status, no output file written).
    pub fail_fast: bool,
    /// No progress bar and no summary.
    pub quiet: bool,
    /// What is done to each record, for messages (`sealed`, `de-identified`...).
    pub verb: &'a str,
    /// Who may read the output file.
    pub sensitivity: Sensitivity,
}

/// One input line.
struct Line {
    number: u64,
    text: Vec<u8>,
}

/// Processes every line of `input` with `process`, writing results to `output` in order.
///
/// # Errors
/// I/O errors; the first line's error with `fail_fast`; [`Status::PartialFailure`] when some
/// lines failed (the output holds the others, in order).
pub fn run<F>(input: &Path, output: &Path, options: &BulkOptions<'_>, process: F) -> CliResult
where
    F: Fn(&[u8]) -> Result<String, CliError> + Sync,
{
    let total = (!files::is_std(input)).then(|| std::fs::metadata(input).map(|m| m.len()).ok()).flatten();
    let mut reader = BufReader::with_capacity(1 << 20, files::open_input(input)?);
    let mut sink = Sink::open(output, options.sensitivity)?;
    let mut progress = Progress::new(options.verb, total, options.quiet);
    let started = Instant::now();
    let mut next_line = 1u64;
    loop {
        let batch = read_batch(&mut reader, input, options.jobs, &mut next_line)?;
        if batch.is_empty() {
            break;
        }
        let results = process_batch(&batch, options.jobs, &process);
        for (line, result) in batch.iter().zip(results) {
            progress.add_bytes(line.text.len() as u64 + 1);
            match result {
                Ok(text) => {
                    sink.write_line(&text).map_err(|err| CliError::io("cannot write", output, &err))?;
                    progress.add_record();
                }
                Err(err) if options.fail_fast => {
                    progress.finish();
                    return Err(CliError { status: err.status, message: format!("line {}: {err}", line.number) });
                }
                Err(err) => {
                    progress.clear();
                    eprintln!("phiseal: error: line {}: {err}", line.number);
                    progress.add_error();
                }
            }
        }
        progress.tick();
    }
    progress.finish();
    sink.commit(output)?;
    let summary = progress.summary(started.elapsed(), options.jobs);
    if !options.quiet {
        eprintln!("{}", summary.line(options.verb));
    }
    partial_failure(&summary)
}

fn partial_failure(summary: &Summary) -> CliResult {
    if summary.errors == 0 {
        return Ok(());
    }
    Err(CliError {
        status: Status::PartialFailure,
        message: format!(
            "{} of {} records failed (see the lines above)",
            summary.errors,
            summary.errors + summary.records
        ),
    })
}

/// Reads up to `jobs * LINES_PER_JOB` non-blank lines or [`BATCH_BYTES`].
fn read_batch(reader: &mut impl BufRead, input: &Path, jobs: usize, next_line: &mut u64) -> CliResult<Vec<Line>> {
    let mut batch = Vec::new();
    let mut bytes = 0usize;
    while batch.len() < jobs.saturating_mul(LINES_PER_JOB) && bytes < BATCH_BYTES {
        let mut text = Vec::new();
        let read = io::Read::take(&mut *reader, MAX_LINE + 1)
            .read_until(b'\n', &mut text)
            .map_err(|err| CliError::io("cannot read", input, &err))?;
        if read == 0 {
            break;
        }
        if text.len() as u64 > MAX_LINE {
            return Err(CliError::library(
                &format!("line {}", next_line),
                &phiseal::Error::LimitExceeded("NDJSON line longer than 64 MiB"),
            ));
        }
        let number = *next_line;
        *next_line += 1;
        trim_line_end(&mut text);
        if text.iter().all(u8::is_ascii_whitespace) {
            continue;
        }
        bytes += text.len();
        batch.push(Line { number, text });
    }
    Ok(batch)
}

fn trim_line_end(text: &mut Vec<u8>) {
    if text.last() == Some(&b'\n') {
        text.pop();
        if text.last() == Some(&b'\r') {
            text.pop();
        }
    }
}

/// Runs `process` over the batch on `jobs` threads; results in batch order.
fn process_batch<F>(batch: &[Line], jobs: usize, process: &F) -> Vec<Result<String, CliError>>
where
    F: Fn(&[u8]) -> Result<String, CliError> + Sync,
{
    let next = AtomicUsize::new(0);
    let threads = jobs.clamp(1, batch.len().max(1));
    let mut slots: Vec<Option<Result<String, CliError>>> = (0..batch.len()).map(|_| None).collect();
    let finished: Vec<Vec<(usize, Result<String, CliError>)>> = std::thread::scope(|scope| {
        let workers: Vec<_> = (0..threads)
            .map(|_| {
                scope.spawn(|| {
                    let mut done = Vec::new();
                    loop {
                        let index = next.fetch_add(1, Ordering::Relaxed);
                        let Some(line) = batch.get(index) else { break };
                        done.push((index, process(&line.text)));
                    }
                    done
                })
            })
            .collect();
        workers.into_iter().map(|worker| worker.join().unwrap_or_default()).collect()
    });
    for (index, result) in finished.into_iter().flatten() {
        if let Some(slot) = slots.get_mut(index) {
            *slot = Some(result);
        }
    }
    slots
        .into_iter()
        .map(|slot| {
            slot.unwrap_or_else(|| Err(CliError { status: Status::Internal, message: "worker thread failed".into() }))
        })
        .collect()
}

/// Where output lines go: stdout, or a file committed only at the end.
enum Sink {
    Stdout(BufWriter<io::StdoutLock<'static>>),
    File(BufWriter<PendingFile>),
}

impl Sink {
    fn open(output: &Path, sensitivity: Sensitivity) -> CliResult<Self> {
        if files::is_std(output) {
            return Ok(Sink::Stdout(BufWriter::with_capacity(1 << 20, io::stdout().lock())));
        }
        Ok(Sink::File(BufWriter::with_capacity(1 << 20, PendingFile::create(output, sensitivity)?)))
    }

    fn write_line(&mut self, text: &str) -> io::Result<()> {
        let out: &mut dyn Write = match self {
            Sink::Stdout(out) => out,
            Sink::File(out) => out,
        };
        out.write_all(text.as_bytes())?;
        out.write_all(b"\n")
    }

    fn commit(self, output: &Path) -> CliResult {
        match self {
            Sink::Stdout(mut out) => out.flush().map_err(|err| CliError::io("cannot write", output, &err)),
            Sink::File(out) => {
                out.into_inner().map_err(|err| CliError::io("cannot write", output, err.error()))?.commit()
            }
        }
    }
}

/// The default `--jobs`: every core the process may use.
#[must_use]
pub fn default_jobs() -> usize {
    std::thread::available_parallelism().map_or(1, std::num::NonZeroUsize::get)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lines(count: usize) -> Vec<Line> {
        (0..count).map(|i| Line { number: i as u64 + 1, text: format!("{i}").into_bytes() }).collect()
    }

    #[test]
    fn results_keep_batch_order_whatever_the_thread_count() {
        let batch = lines(500);
        for jobs in [1, 2, 3, 8] {
            let results = process_batch(&batch, jobs, &|text: &[u8]| {
                let n: u64 = std::str::from_utf8(text).unwrap().parse().unwrap();
                if n % 7 == 3 {
                    std::thread::sleep(std::time::Duration::from_micros(200));
                }
                Ok(format!("out-{n}"))
            });
            let expected: Vec<String> = (0..500).map(|n| format!("out-{n}")).collect();
            let got: Vec<String> = results.into_iter().map(Result::unwrap).collect();
            assert_eq!(got, expected, "jobs = {jobs}");
        }
    }

    #[test]
    fn batches_skip_blank_lines_but_keep_line_numbers() {
        let mut input: &[u8] = b"a\n\n  \r\nb\r\nc";
        let mut next = 1;
        let batch = read_batch(&mut input, Path::new("-"), 2, &mut next).unwrap();
        let got: Vec<(u64, &[u8])> = batch.iter().map(|l| (l.number, l.text.as_slice())).collect();
        assert_eq!(got, vec![(1, &b"a"[..]), (4, b"b"), (5, b"c")]);
    }
}
