"""Writes the starting corpus of each fuzz target into fuzz/corpus/<target>/ (gitignored):
FHIR fixtures, their free-text values and a few hand-written notes, a JWK and a policy.
Run by scripts/fuzz.sh; rerunnable (existing files are overwritten, found inputs are kept)."""
import glob
import json
import os

here = os.path.dirname(os.path.abspath(__file__))
fixtures = sorted(glob.glob(os.path.join(here, "..", "tests", "fixtures", "fhir", "*.json")))


def write(target, name, data):
    folder = os.path.join(here, "corpus", target)
    os.makedirs(folder, exist_ok=True)
    with open(os.path.join(folder, name), "wb") as f:
        f.write(data)


notes = [
    "Pt Maria Lopez-Garcia (DOB 03/14/1931, MRN 00412093) seen by Dr. Alan Reyes on March 5, 2024. "
    "Call (617) 555-0134 or maria.lopez@example.org. Lives at 12 Elm St, Boston, MA 02139. "
    "SSN 123-45-6789. Age 94.",
    "DAUGHTER SUSAN KIM CAN BE REACHED AT 617.555.0199. PLATE 7ABC123, DEVICE SERIAL SN-99812. "
    "IP 10.1.2.3, fe80::1. https://portal.example.org/p/1",
    "Parkinson disease, Foley catheter placed 2024-01-02T10:30:00Z; follow up in 3 months. "
    "B12 500 mcg. HbA1c 6.1%. Plan: recheck.",
    "[NAME] [DATE-2] 90+ ****  Mary::1  lena.sorensen59@example.com  born in 1931  b. 1931",
    "dental progress note - 2/17/26\npt: bogdan nowakowski   chart # D-100482\nnext appt: 3/3 prophy w/ "
    "hygienist becky. wife halina to pick up since december. -- s. rahimi dds, fax 614-555-0170 and to dr o",
    "Hosp acct (visit): HA-31177402. Bags (PPB-E-1144, PPB-E-1145), \"S26-004417-A\". Lives at HC 61 Box "
    "2207; 3742 E Clinton Ave #B. P. Raman MD / cosigned J. Redcloud MD. mid-November, planned ~3/6. "
    "OFFICER K. TSOSIE. Zielinski, brother-in-law, 93, VEHICLE: 2017 TOYOTA, PLATE 6XRT902",
]


def strings(value):
    if isinstance(value, str) and len(value) > 20:
        notes.append(value)
    elif isinstance(value, dict):
        for item in value.values():
            strings(item)
    elif isinstance(value, list):
        for item in value:
            strings(item)


for k, path in enumerate(fixtures):
    with open(path, "rb") as f:
        raw = f.read()
    strings(json.loads(raw))
    # The first byte picks options (fuzz_targets/*.rs).
    write("deidentify", f"fixture{k}", b"\x01" + raw)
    write("open_record", f"fixture{k}", b"\x00" + raw)
for k, note in enumerate(notes[:60]):
    for flags in (0x00, 0x31, 0x72):
        write("scrub_text", f"note{k}_{flags:02x}", bytes([flags]) + note.encode())
write("envelope", "empty", b"\x00")
write("stream", "empty", b"\x00")
write("keys_and_policy", "jwk", json.dumps({
    "kty": "OKP", "crv": "X25519", "x": "7E7W05MmBesBgIptHK3uDCEvCLmJDnBbElXjIZoRtgc",
    "kid": "_02ml9pEbo_UKs2oJCAP_mE1LArqrBTa3jZeFZmj0kU"}).encode())
write("keys_and_policy", "policy", json.dumps({
    "version": 1, "roles": ["clinician", "billing"], "default": "deny", "rules": [
        {"path": "/name/*/given", "action": "encrypt", "roles": ["clinician"]},
        {"path": "Patient.telecom.value", "action": "token", "roles": ["billing"]},
        {"path": "/birthDate", "action": "generalize", "to": "year"}]}).encode())
