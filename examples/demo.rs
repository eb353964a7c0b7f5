//! The main job of the README: seal a synthetic patient record on the "device" to two
//! authorized recipients, show what the cloud stores, and what each party can open.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic, clippy::indexing_slicing)]

use phiseal::envelope::{self, RecipientChanges};
use phiseal::keys::KeyPair;

const RECORD: &str = r#"{"resourceType":"Patient","id":"demo-1","name":[{"family":"Quintero","given":["Ada"]}],"birthDate":"1961-07-14","telecom":[{"system":"phone","value":"555-201-7788"}],"address":[{"city":"Springfield","postalCode":"62704"}]}"#;

fn main() -> Result<(), phiseal::Error> {
    println!("phiseal demo: sealing a synthetic FHIR Patient before upload\n");
    let clinician = KeyPair::generate()?;
    let billing = KeyPair::generate()?;
    let cloud_admin = KeyPair::generate()?;
    for (name, pair) in [("clinician", &clinician), ("billing", &billing)] {
        println!("{name:>10} key id {}", pair.public_key().key_id());
    }

    let context = b"record:demo-1|purpose:intake";
    let sealed = envelope::seal(RECORD.as_bytes(), &[*clinician.public_key(), *billing.public_key()], context)?;
    let text = envelope::to_text(&sealed);
    println!("\n== What the cloud stores ({} bytes) ==", sealed.len());
    println!("{}...{}", &text[..72], &text[text.len() - 16..]);
    let info = envelope::inspect(&sealed)?;
    println!(
        "addressed to {} key ids; contains the name 'Quintero'? {}",
        info.recipients.len(),
        text.contains("Quintero")
    );

    println!("\n== What each party opens ==");
    for (name, pair) in [("clinician", &clinician), ("billing", &billing), ("cloud admin", &cloud_admin)] {
        match envelope::open(&envelope::from_text(&text)?, pair, context) {
            Ok(plaintext) => println!("{name:>11}: {}", String::from_utf8_lossy(&plaintext)),
            Err(err) => println!("{name:>11}: refused ({})", err.code()),
        }
    }
    match envelope::open(&sealed, &clinician, b"record:demo-2|purpose:intake") {
        Ok(_) => println!("unexpected: wrong context opened"),
        Err(err) => println!("clinician with another record's context: refused ({})", err.code()),
    }

    println!("\n== Revoking billing by rewriting the header only ==");
    let changes = RecipientChanges { remove: &[billing.public_key().key_id()], ..Default::default() };
    let rewrapped = envelope::rewrap(&sealed, &clinician, context, &changes)?;
    let same_payload = sealed[sealed.len() - RECORD.len() - 16..] == rewrapped[rewrapped.len() - RECORD.len() - 16..];
    println!("payload bytes unchanged: {same_payload}");
    println!(
        "billing now: {}",
        envelope::open(&rewrapped, &billing, context).map_or_else(|e| e.code().to_string(), |_| "opened".into())
    );
    Ok(())
}
