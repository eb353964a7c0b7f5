//! Scores the free-text scrubber on the synthetic evaluation set (tests/deid/eval_set.rs),
//! prints a per-class recall/precision table and writes docs/DEID-EVAL.md.
//!
//! Run: `cargo run --example deid_eval` (add `-- --errors` to list missed and spurious spans).
//! `-- --export-json PATH` also writes the set, phiseal's detected spans and its single-thread
//! throughput as JSON for `scripts/presidio_eval.py` (the side-by-side comparison with
//! Microsoft Presidio, `bash scripts/compare-presidio.sh`, docs/DEID-PRESIDIO.md).
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic, clippy::indexing_slicing)]

#[path = "../tests/deid/eval_set.rs"]
mod eval_set;
#[path = "../tests/deid/holdout.rs"]
mod holdout;

/// What the held-out section of the report says about how the held-out notes were made.
const HELD_OUT_INTRO: &str = "The set above is written by the generator the scrubber was \
    tuned on. To see how far that carries, 72 more notes were written by hand (by a separate \
    author who read neither the scrubber, nor its rules, nor the generator; \
    `tests/deid/holdout/`): 36 note types from ED triage to death summaries, patient-portal \
    messages with typos, upper-case legacy printouts, names from many backgrounds, dates in \
    many formats, lot, order and reference numbers, and hard negatives (clinical scales, \
    eponyms, codes, times, doses). They are scored by the same rule, without the structured \
    record. They are split in two halves: misses in `dev` may be looked at and fixed; `test` \
    is only ever scored, so it is the estimate of how the rules do on notes they were not \
    fitted to. The issue's goals are asserted on the set above; these notes are held to their \
    measured recall and precision (`cargo test --test deid_holdout`).\n\n\
    First measurement (2026-12-05, before any change made from them): `dev` recall 0.804, \
    precision 0.943; `test` recall 0.794, precision 0.941. The largest gaps were month/day \
    dates without a year (`TTE 1/19:`), names written as an initial and a surname before a \
    credential (`K. Abernathy, RN`) or as `LAST, FIRST` after a label, numbers named only by \
    lot, order, reference, case or specimen words, masked SSNs with their last four digits, \
    ages over 89 without `years old` (`she is 92`), and city names standing alone. Rules \
    for these were then written from the `dev` misses only (docs/DEIDENTIFICATION.md): \
    `test` went from recall 0.794 to 0.905 and precision 0.941 to 0.965, while `dev`, which \
    the rules were fitted to, went to 0.998. The distance between the two is the honest \
    size of the remaining gap: on `test`, names, addresses, dates, MRNs, licence numbers and \
    other identifying numbers are still under the recall goals. (While the rules were \
    written, the `test` table's figures, never its misses, were seen once by accident, after \
    which one score was changed for a reason stated independently; the notes themselves were \
    never read.)\n\n\
    A second development set, `dev2` (36 more notes, 482 identifiers), was written later by \
    another author under the same blind conditions, and scored once before any change made \
    from it (2026-12-05): recall 0.873, precision 0.964, with names at 0.847, addresses at \
    0.722 (towns named alone: `near Chicopee`, `in Tupelo`) and dates at 0.897 (month/day \
    without a year: `hearing 11/4`, `(9/17)`). That is a second blind estimate beside `test`'s \
    0.905. Its misses were then used like `dev`'s: rules for month/day dates after event, \
    result and time words, identifiers by more context words (HAR, CDL, CIN, s/n, accession, \
    study and tail numbers, plates after a vehicle and a state), a US place gazetteer used only \
    with place context, names after more labels and roles, nicknames, and names carried \
    through a note, plus guards against spurious names (MVC, Berg, Pediatric Cardiology). \
    `test`, still never read, went from recall 0.905 to 0.923 and precision 0.965 to 0.976.\n\n\
    A third development set, `dev3` (36 notes, 472 identifiers), was then written blind in \
    deliberately unusual forms: pipe-delimited exports, OCR'd letters with broken spacing, \
    chat and voicemail transcripts with spelled-out numbers, EMS, correctional and research \
    notes. Scored once before any change (2026-12-05): recall 0.784, precision 0.961 (names \
    0.734, addresses 0.690, MRNs 0.632, licence numbers 0.500). That is the estimate for \
    writing unlike any the rules were built from. Its misses were then used like the others': \
    HL7 v2 segments read by field position (only after a real MSH header), comma-separated \
    exports read by their header's column names, counties, road locations and rural routes, \
    chat-log speakers, HL7 FAMILY^GIVEN names, form labels, initials after an initials \
    label, and identifiers after incident, booking, kit, warrant and licence words. `test`, \
    still never read, went from recall 0.923 to 0.938 (precision 0.976 unchanged).\n\n\
    A fourth development set, `dev4` (36 notes, 756 identifiers), was written blind by two \
    more authors who never opened the project, to a list of themes rather than of formats: \
    radiology, pathology and operative reports, referral letters, a genetic pedigree, labour \
    and delivery, a device clinic, social work, billing disputes, pharmacy calls, \
    guardianship, forensic and contact-tracing notes, with names of many origins, PO boxes, \
    rural and highway contract routes, five notes typed all in lower case. Scored once before \
    any change (2026-12-05): recall 0.860, precision 0.956 (names 0.827, addresses 0.798, \
    dates 0.863, identifiers by context 0.849). Its misses were then used like the others': \
    a note typed all in lower case read like one in capitals, initials and surnames before a \
    credential without a comma, months named alone (`since December`), month/day after more \
    cues, structured codes without a context word (`PPB-E-1144`, `S26-004417-A`), context \
    words across a bracket (`Hosp acct (visit):`), highway contract boxes, units after `#`, \
    more roles and labels. `test`, still never read, went from recall 0.938 to 0.951 \
    (precision 0.976 unchanged).\n\n\
    A fifth set, `dev5` (36 notes, 697 identifiers), was then written blind by two more \
    authors to another list of themes (forwarded email threads, SMS threads, OCR'd faxes, \
    registration cards, death certificate worksheets, travel and immigration exams, IT \
    helpdesk tickets, device fittings) and scored once before any change (2026-12-05): recall \
    0.839, precision 0.949 (names 0.771, addresses 0.812, dates 0.885). That is the blind \
    estimate of the rules after the `dev4` round on writing of yet another kind. A first \
    round of rules from its misses (email headers and form labels, more credentials, streets \
    named the Spanish way, Hawaiian house numbers, compact dates in file names) took it to \
    0.872 and `test`, still never read, from 0.951 to 0.954.\n\n\
    A sixth set, `dev6` (36 notes, 694 identifiers), was written blind by three more authors \
    to yet other themes (dental charts and lab slips, ambulance run reports, a therapist's \
    intake, a school nurse's log and messages, workers' compensation, dialysis, an insurance \
    appeal, a dictated operative note with recognition errors, jail sick calls, concussion \
    and audiology notes, a chaplain, a trial screening log, foster care and adoption, hospice \
    intake, ICU handoffs, blood-bank slips, wound care with photo file names, an Indian Health \
    Service clinic, a psychiatric hold with court papers; names of many origins with \
    diacritics) and scored once before any change (2026-12-05): recall 0.790, precision \
    0.936 (names 0.765, addresses 0.650, dates 0.877, identifiers by context 0.545). That is \
    the honest estimate of these rules on writing of a kind they were not built from. The \
    round that followed (names with diacritics looked up without them, month/day at the end of \
    a clause, numbers and dates in words, nicknames in quotes, a place before a country, county \
    and tribal roads, tables drawn with `|`, telephone numbers with a country code, digits \
    misread by OCR, more context words, credentials and titles) took `dev6` to 0.886, `dev5` \
    to 0.908, `dev3` to 0.956, and `test`, still never read, from 0.954 to 0.969 (precision \
    0.976 to 0.974).\n\n\
    A seventh set, `dev7` (36 notes, 663 identifiers), was written blind by three more authors \
    at the end of that round (cardiology device checks, well-child and obstetric visits, a \
    telehealth transcript, an OCR-garbled prior-authorization fax, pain agreements, \
    dermatology and sleep study reports, addiction and housing case management, EEG and \
    transplant logs, upper-case emergency triage, rehab discharge, portal threads, an \
    interpreter's log, immunization requests, optometry, physical therapy, a geriatric \
    assessment, partner notification, critical-value calls, a wheelchair order, a sports \
    physical in lower case) and scored once before any change (2026-12-05): recall 0.836, \
    precision 0.949 (names 0.822, addresses 0.674, dates 0.977, health plan numbers 0.550). \
    That was the blind estimate of the rules after the `dev6` round.\n\n\
    An eighth set, `dev8` (36 notes, 781 identifiers), was written blind by three more authors \
    while the round on `dev7`'s misses was under way (genetic counselling with a pedigree, home \
    health aide logs, radiology, pharmacy call logs, a veterans' claim note, NICU discharge, an \
    upper-case death pronouncement, a portal thread, a prior-authorization fax with tabs, \
    ophthalmology with lens serials, an interpreted visit, a nursing-home incident report, \
    occupational health, a dermatology photo log, a sleep study, an emergency visit with a \
    police officer, a dental referral letter, bereavement, a note naming a prior legal name, a \
    trial adverse-event form, a comma-separated clinic list, nurses' text messages, psychiatry, \
    an insurance denial, travel medicine, a farmworker clinic, upper-case pathology, wound care, \
    dictation with recognition errors, a student health visit, an oxygen delivery ticket, \
    foster care, a long-term-care assessment, telepsychiatry with an IP address, a chiropractor's \
    letter to an attorney, contact tracing), and scored once with the rules after that round \
    (2026-12-05): recall 0.883, precision 0.941 (names 0.870, addresses 0.746, dates 0.926, \
    other identifying numbers 0.766). That was the blind estimate of the rules after the `dev7` \
    round, which took `dev7` from 0.836 to 0.919 (precision 0.949 to 0.956); a round on \
    `dev8`'s misses then took it to 0.944 (precision 0.952), `test`, still never read, from \
    0.969 to 0.972 over both rounds (precision 0.974 unchanged).\n\n\
    A ninth set, `dev9` (36 notes, 698 identifiers), was written blind by three more authors \
    during that round (insulin pumps, an upper-case run sheet, a school health center, an \
    infusion chair log, a late entry, refugee screening, a compounding label, obstetric triage \
    in lower case, cardiac rehab, a lawyer's records request, a pathology requisition, a home \
    safety visit, EEG, a scribe's note, home speech therapy, a methadone dosing log, urgent \
    dental, an annual wellness visit, a dog bite, a transplant phone log, portal messages, an \
    independent medical exam, a sexual-health note, a chaplain, nephrology, poison control, \
    lactation, group therapy, a bariatric checklist with tabs, a cross-cover note, an \
    immigration exam, hearing aids, an upper-case discharge summary, an asthma action plan, a \
    genetic test report, a hospice death visit) and scored once with the rules after it \
    (2026-12-05): recall 0.888, precision 0.961 (names 0.849, addresses 0.768, dates 0.968, \
    other identifying numbers 0.822). That was the blind estimate of the rules after the `dev8` \
    round; a round on its misses (2026-12-05) took it to 0.937 (precision 0.964).\n\n\
    A tenth set, `dev10` (72 notes, 2,240 identifiers; each of its three authors wrote 24 notes), \
    was written blind before that round to kinds of document no earlier set had (podiatry, \
    community paramedicine, a pharmacist's immunization record, early intervention, a syringe \
    services van, school diabetes plans, remote monitoring alerts, a lead investigation, DMV and \
    parking placard forms, allergy shots, prosthetics, teledermatology, video observed TB \
    therapy, animal bite reports, FMLA certifications, street medicine, home infusion, CPAP \
    follow-up, adult day health, a group home incident, blood donor reactions, a quitline call, a \
    home birth, code blue and code stroke records, frozen sections, a dictated catheterization, \
    PACU handoff, transfer center and organ procurement logs, brain death, an implant log, a \
    transfusion reaction, leaving against advice, swallow and MRI safety screens, autopsy, air \
    transport, ventilator liberation, utilization review, ethics, bone marrow pathology, \
    belongings inventories, a fall report, burn ICU, an answering service log, charity care, a \
    research deviation, grievance and billing correspondence, transport requests, an EHR access \
    audit, an advance beneficiary notice, a sleep lab night, credentialing, a child protective \
    services referral, a jury excusal letter, a tumor board list, a cold-chain log, release of \
    remains, shoe certification, stipend payments, hyperbaric oxygen), and scored once with the \
    rules of the start of that round (2026-12-05): recall 0.835, precision 0.975 (names 0.772, \
    addresses 0.748, dates 0.871, other identifying numbers 0.829); after the `dev9` round, \
    0.838. Two rounds on its own misses then took it to 0.884 (precision 0.975), `dev9` to \
    0.943, and `test`, still never read, stayed at 0.972.\n\n\
    An eleventh set, `dev11` (36 notes, 1,316 identifiers), was written blind by three more \
    authors during those rounds (mobile crisis, peer recovery and collaborative-care logs, a \
    barbershop blood pressure screening, a safety plan, chronic care calls, long-acting \
    injections, a post-incarceration intake, in-basket messages, DBT coaching texts, medical \
    respite, a housing accommodation letter, an upper-case fracture clinic dictation, a surgical \
    time-out and implant record, massive transfusion, neurosurgery and toxicology consults, an \
    echo report, an upper-case STEMI sheet, free flap monitoring, a transplant progress note, a \
    count discrepancy report, bronchoscopy, an ED sign-out list, an accounting of disclosures, an \
    outbreak line list, a POLST transcription, a biorepository withdrawal thread, a cancer \
    registry abstract, a commitment affidavit, an amendment request, a record merge ticket, a \
    birth certificate worksheet, a VAERS draft, a disability statement, an elopement report), \
    and scored once after them (2026-12-05): recall 0.871, precision 0.971 (names 0.803, \
    addresses 0.688, dates 0.970, other identifying numbers 0.933); the rules from before the \
    `dev9` round scored 0.845 on it, so the two rounds carried over to writing they were not \
    made from. A round on its misses then took it to 0.883 (precision 0.972).\n\n\
    A twelfth set, `dev12` (36 notes, 1,363 identifiers), was written blind by three more \
    authors during that round (growth hormone teaching, fetal anatomy ultrasound, an iPLEDGE \
    log, home enteral nutrition, a dictated Fontan follow-up, newborn hearing rescreens, \
    antepartum testing, hepatitis C onboarding, a celiac letter, home phototherapy, \
    urodynamics, an embryo transfer plan, ECMO circuit checks, a rehabilitation team \
    conference, an ambulance certification, an LTACH dictation, restraint monitoring, a \
    consultant pharmacist's review, neonatal transport, spinal cord injury nursing, a capacity \
    huddle, decannulation, an in-custody nursing note, a post-arrest dictation, an annotated \
    EOB, a deposition excerpt, a trial monitoring report, a diversion investigation, a family \
    WhatsApp chat, a hospital lien, a good faith estimate dispute, a competency evaluation, a \
    sepsis abstraction, a denials export, texting logs, a cohort locator form), and scored once \
    with the rules after it (2026-12-05): recall 0.805, precision 0.968 (names 0.721, addresses \
    0.620, dates 0.893, ages over 89 0.400, other identifying numbers 0.802); the rules from \
    the start of the `dev9` round scored 0.795 on it. That is the blind estimate of the rules \
    as they stand, but for ages: its misses of ages over 89 alone were then looked at and \
    fixed (ages 0.400 to 0.800, recall 0.811); none of its other misses has been looked at.\n\n\
    A thirteenth set, `dev13` (36 notes, 1,148 identifiers), was written blind by three more \
    authors at the end of that session (menopause and memory clinics, a diabetes prevention \
    log, a shelter intake, perinatal psychiatry, produce prescriptions, a clubhouse summary, an \
    IUD note, a falls roster, meal support, an assisted living statement, a group visit, an \
    upper-case OR booking fax, an I-PASS census, bedside ultrasound, a blood culture call, a \
    transport log in lower case, a mammography recall, an interpreted consent, a wrong blood \
    in tube event, an upper-case observation dictation, a PICC record, an imaging import, \
    I-131 instructions, a life insurance statement, a cremation review, a measles exposure \
    letter, a registry thread with an export, a breach letter, a disability claim, a Medicaid \
    renewal log, a paternity chain of custody, a Lyme report, a specimen manifest, a \
    subrogation questionnaire, a medical board response), and scored once with the final \
    rules (2026-12-05): recall 0.814, precision 0.980 (names 0.717, addresses 0.759, dates \
    0.909, other identifying numbers 0.782); the rules from the start of that session scored \
    0.804 on it. Its misses, and the rest of `dev12`'s, were then looked at and fixed in the \
    next session (rows of lists and tables, initials in log slots, lower-case recurrences of \
    names, month/days in dated notes, address labels, towns before state codes, cities \
    outside the US, day ranges: docs/DEIDENTIFICATION.md, \"dev12/dev13 rules\").\n\n\
    A fourteenth set, `dev14` (36 notes, 1,448 identifiers), was written blind by six more \
    authors before those rules were written (consult replies from voice, hepatology, vascular, \
    movement disorder, hand and interstitial lung clinics; a trauma scribe flowsheet, an \
    anesthesia relief handoff, a perfusion record, a workplace violence report, a mass \
    casualty board, an EMTALA transfer form; a midwife's SMS transcript, a nurse advice \
    voicemail queue, a perioperative staff chat, a forwarded email chain, a portal e-visit, a \
    dialysis caregiver WhatsApp log; three upper-case printouts (an ADT census, a claim \
    rejection dump, a pump recall work order), implant and trauma registry forms, an equipment \
    rental ledger; an OASIS assessment, an adult protective services intake, a Legionnaires' \
    cluster worksheet, 504 plan minutes, a jail booking screen, a subpoena response; a hospice \
    roster, nursing facility dental rounds, a mother-baby handoff, a sibling donor conference, \
    a sober living incident report, a capacity evaluation for probate court), and scored once \
    with the rules after them (2026-12-05): recall 0.807, precision 0.984 (names 0.710, \
    addresses 0.723, dates 0.925, ages over 89 0.484, other identifying numbers 0.908); the \
    rules from the start of that session scored 0.788 on it. Its misses were then looked at \
    and fixed in the same session (ages with the person's sex, chat speakers after a bracketed \
    time, numbered roads, form dates and leader dots, rows after labels: \
    docs/DEIDENTIFICATION.md, \"dev14 rules\").\n\n\
    A fifteenth set, `dev15` (36 notes, 1,474 identifiers), was written blind by six more \
    authors while those rules were written (retina, sleep surgery, urology, podiatry, \
    interventional radiology and endoscopy checklists and callbacks; an ED boarding log, barrier \
    rounds, utilization review, a CRE line list, pharmacy interventions, a rapid response review; \
    a caregiver's notebook, a complaint letter, a headache diary export, promotora texts in \
    Spanglish, a handwritten history form, a website contact form; an HL7 error queue, a \
    telehealth audit log, a baclofen pump printout, an upper-case PBM reject report, an \
    immunization registry rejection file, an upper-case CAD tow report; a farmworker heat log, a \
    tribal referral packet, a refugee TB worksheet, a returned traveler evaluation, a village \
    clinic telemedicine case, an air ambulance repatriation file; an MDS assessment, a \
    guardian's annual report, a trial visit at a nursing facility, a brain donation log, a \
    death certificate amendment, a bereavement outreach log), and scored once with the rules \
    as they stood after the `dev14` rules (2026-12-05): recall 0.817, precision 0.977 (names \
    0.761, addresses 0.719, dates 0.927, ages over 89 0.692, medical record numbers 0.673, \
    other identifying numbers 0.762); the rules from the start of that session scored 0.783 on \
    it. Two rules written after that scoring, from the misses of the older sets (numbers after \
    an aside, relations in brackets), are not in that figure. Its misses were then looked at \
    and fixed in the next session (2026-12-06: fixed-width tables read by their header, the \
    2020 Census names, login names, more month/day contexts: docs/DEIDENTIFICATION.md, \"dev15 \
    rules\").\n\n\
    A sixteenth set, `dev16` (36 notes, 1,546 identifiers), was written blind by six more \
    authors at the start of that session (cancer genetics family letters, pelvic floor therapy, \
    a sickle cell portal thread, an upper-case DMARD monitoring roster, ADHD teacher faxes and \
    parent texts, a Mohs stage log; an ICU staffing roster, an OCR'd health care proxy, a \
    weekend sign-out sheet, an upper-case switchboard log, a PICU family conference, a bedside \
    wedding; a flood shelter log, a livestock trailer crash report, well nitrate and carbon \
    monoxide investigations, a home health route sheet, an encampment welfare log; an eMAR \
    printout, overseas antenatal records, a Haitian vaccination card, returned mail and \
    address verification, a PASRR screen, an INR calendar letter; a thyroid FNA report, a \
    telemetry gateway ticket, an upper-case controlled substance transfer, an explant return \
    form, an MSP questionnaire, a buy-and-bill worksheet; a police records request chain, an \
    OCR'd first report of injury, a primate bite report, a psittacosis fax, a home oxygen fire \
    review, an actigraphy return log), and scored with the `dev15` rules: recall 0.866, \
    precision 0.985 halfway through them (after the tables, logins, dates and the 2020 Census \
    names), 0.873 with all but the last small ones, and 0.874, precision 0.986, with all of \
    them; the rules from the start of that session scored 0.832 on it. Its misses were then \
    looked at and fixed in the next session (2026-12-06: initials a note's key defines, roads, \
    residential complexes and towns before a ZIP, a month/day beside a date, surnames opened by \
    particles, timestamps, system prefixes of numbers: docs/DEIDENTIFICATION.md, \"dev16 \
    rules\"; 0.928 on it now).\n\n\
    A seventeenth set, `dev17` (36 notes, 1,622 identifiers), was written blind by six more \
    authors at the start of that session (a summer camp infirmary log, a visitor restriction \
    roster, a cardiomyopathy pedigree key, a living donor advocate assessment, a home care text \
    thread, a dictated second-opinion letter; burn center family minutes with a Marshallese \
    interpreter, a labor floor handoff board, an OCR'd tribal court guardianship statement, a \
    transcribed voicemail queue, a clergy call-in register, an upper-case resident trust fund \
    ledger; a PERS alarm history, a meals-on-wheels escalation log, an HMIS housing assessment, \
    an upper-case long-distance ambulance trip ticket, a wildfire evacuation callback log, a \
    snowbird dual-address letter; an ECT treatment log, a plasma exchange flowsheet, a \
    translated Polish discharge letter, a chemotherapy calendar letter, an MCOT event report, \
    an upper-case MAR discrepancy report; an implant lot reconciliation, a PDMP review, a \
    volunteer driver log, a home ventilation enrolment, a newborn screening follow-up, an \
    upper-case fit test roster; a break-the-glass access review, a WCD compliance report, a \
    step-therapy exception, a remote eConsent audit trail, an ambulance PIP claim packet, an \
    X12 271 eligibility printout) and scored with the rules from the start of that session \
    (after the `dev15` rules): recall 0.880, precision 0.989; with the `dev16` rules written \
    from `dev16`'s misses, 0.886; with all of that session's rules (also those written from \
    the older sets' misses), 0.887, precision 0.989. So those rules raised the sets they were \
    written from (`dev16` 0.874 to 0.928, `dev12` 0.873 to 0.903, `dev13` 0.861 to 0.889) and \
    the blind set by less than a point: most misses on new writing are new kinds. Its misses \
    were then looked at and fixed in the same session (X12 EDI segments, a speaker naming \
    themself, initials after `by`, carriers' and dispatch numbers, digits and commas in column \
    names: docs/DEIDENTIFICATION.md, \"dev17 rules\"; 0.915 on it now).\n\n\
    An eighteenth set, `dev18` (36 notes, 1,572 identifiers), was written blind by six more \
    authors halfway through that session (resident council minutes, a co-parenting app \
    export, a practice closure letter, a paired kidney donation worksheet, root cause analysis \
    interviews and a chronology table, a body donation card, medication safety minutes, a \
    diabetes class sign-in sheet, a speech-recognized voice consult letter, an upper-case \
    parking fall report, a Viber caregiver chat, an OCR'd fishing crew fitness certificate, \
    prenatal home visits, a 911 address discrepancy review, a mobile mammography schedule, \
    hoarding task force minutes, a WIC certification, hospital-at-home rounds, a transient \
    dialysis packet, an SCIG infusion diary, an upper-case microfiche abstract, an incapacity \
    certification letter, a home health itinerary, a lithotripsy log, a lost property claim, \
    a CGM complaint, a valet damage claim, a TPN courier manifest, a teleradiology discrepancy \
    report, a glucometer lockout export, a DRG audit letter, a legal name change with an EMPI \
    alias audit, an EDC query listing, a perinatal hepatitis B case report, a monitor \
    association error log) and scored with the rules from the start of that session: recall \
    0.865, precision 0.980; and with that session's rules (the `dev16` and `dev17` rules, and \
    those from the older sets' misses), 0.877, precision 0.980. Its misses were then printed \
    once, by a scoring run meant for the older sets, after the last small `dev17` rules \
    (ages in brackets, phone and context words, ranges) were written and before they were \
    committed; nothing was written from them. Its misses were then looked at and the first of \
    them fixed at the end of that session (export columns named by owner and kind, streets \
    after more prepositions, surnames in capitals holding particles: docs/DEIDENTIFICATION.md, \
    \"dev18 rules\"; 0.896 on it now). Its blind figures above are the estimate of the rules \
    before those; it was the development set of the session after (0.920 on it now).\n\n\
    A nineteenth set, `dev19` (36 notes, 1,614 identifiers), was written blind by six more \
    authors at the start of the next session (home health case conference minutes, ALS clinic \
    sign-offs, an aide supervisory visit, a palliative video conference attendee log, a cystic \
    fibrosis family contact sheet, a compression pump teaching record, a surrogate consent \
    attestation, a veterans service officer call transcript, a vigil volunteer text thread, a \
    crisis unit handoff board, liver transplant selection minutes, a perinatal memorial \
    worksheet, a utility shutoff certificate, a black lung evaluation, a hurricane dialysis \
    locator, a medical foster home inspection, a school bus emergency plan, a milk bank donor \
    packet, a mesothelioma exposure chronology, a hepatitis A food handler investigation, a \
    tacrolimus chronology, a homebound instruction certification, a prenatal transfer after a \
    military move, an upper-case rabies prophylaxis card, a send-out courier worklist, a CDI \
    query, a PAP recall registration, a driving evaluation, a proxy access request, a 340B \
    exception report, ...) and scored with the rules from the start of that session: recall \
    0.879, precision 0.984; with the first rules of that session (the cities1000 gazetteer, \
    chat speakers, a person label's name before an age, Vietnamese middle names, highways, \
    dates without a cue word, lists of people, from the older sets' and `dev18`'s misses), \
    0.885, precision 0.984. Its misses were then looked at and fixed (docs/DEIDENTIFICATION.md, \
    \"dev19 rules\"; 0.920 on it now).\n\n\
    A twentieth set, `dev20` (36 notes, 1,686 identifiers), was written blind by six more \
    authors in the middle of that session (a weekend pass driver verification, wander \
    transmitter log, an upper-case vaccine consent roster, a secure messaging export, caregiver \
    training sign-offs, a Medicaid application tracker, a CASA court report, a field trip \
    medication handoff, faith community nursing visits, an interpreting session log, device \
    clinic voicemail transcripts, conservatorship care conference minutes, a death scene \
    investigation, a carrier trace log, a winter storm transport log, a cancer registry \
    geocoding report, a shelter transfer summary, a hospitality house registration, an mpox \
    venue investigation, a living donor travel ledger, an upper-case clozapine calendar, an \
    EFMP summary, a team travel medical log, a coccidioidomycosis cluster timeline, a copay \
    assistance call log, an upper-case loop recorder call record, an EHR downtime \
    reconciliation, a courier breakdown report, ...) and scored, without its misses being \
    looked at, with the rules from the start of that session: recall 0.874, precision 0.977; \
    with the rules written before it was scored, 0.880; and with all of that session's rules \
    (more were written from `dev19`'s and older sets' misses after that, without looking at \
    `dev20`'s): 0.882, precision 0.977. Those rules raised the sets they were written from \
    (`dev18` 0.896 to 0.920, `dev19` 0.879 to 0.920) and this blind set by less than a point, \
    as before: most misses on new writing are new kinds. Its misses were then looked at and the \
    first of them fixed at the end of that session (a chat speaker's role, ages with a glued \
    `Y`, grid house numbers, towns closing a CSV cell, a payer's number after whose it is: \
    docs/DEIDENTIFICATION.md, \"dev19 rules\", the last bullets; 0.892 on it now). Its blind \
    figures above are the estimate of the rules before those; it is the next development set.\n\n\
    A twenty-first set, `dev21` (36 notes, 2,297 identifiers), was written blind by six more \
    authors at the start of the next session (inpatient consults, a TAVR implant log, a CRRT \
    flowsheet export, a goals-of-care note with a Hmong interpreter, EVV, ROI and pesticide \
    drift exports, a pharmacy counter notebook, dental and prior-authorization faxes, an HL7 \
    ORM dump, an 835 denial extract, upper-case van manifest and newborn face sheet printouts, \
    SMS, portal and burn unit chat threads, call-centre captions, a treatment court report, an \
    elder abuse team's minutes, a hearing transcript, a tribal CHR route log, a VA tele-mental \
    health note, a Huntington pedigree note, a trial's SAE thread, ...) and scored, without its \
    misses being looked at, with the rules from the start of that session: recall 0.832, \
    precision 0.964 (names 0.802, addresses 0.686), the lowest first score of any set. Its \
    misses and `dev20`'s were then looked at and fixed (docs/DEIDENTIFICATION.md, \"dev21 \
    rules\": login names of an initial and a surname, the rest of a name found in part, chat \
    handles, writers' initials after a dash, towns named alone, long numbers and codes without \
    a context word, Vietnamese and Hmong names, VistA timestamps, export columns): 0.890 on it now, `dev20` \
    0.892 to 0.907.\n\n\
    A twenty-second set, `dev22` (36 notes, 2,040 identifiers), was written blind by six more \
    authors at the start of the next session (a postpartum hemorrhage worksheet, a CVICU \
    handover, a seclusion event packet, a GOAT tracking log, an upper-case pediatric Kardex, a \
    patient's own medications record, a transfusion antibody workup, a contrast extravasation \
    report with an injector log, a tissue block loan thread, a diet office exception report, a \
    school dental van roster with parent texts, a teleretinal screening, a med sync \
    enrollment, an asthma home trigger assessment, a hospice volunteer text thread, a FIT kit \
    outreach CSV, a FHIR encounter notification, an X12 278 dump, an EPCS audit export, an AED \
    event log, an upper-case blood gas printout, a stress lab schedule, a practice dismissal \
    thread, a crime victims' compensation form, a caregiver's authorization affidavit, a \
    workplace violence report, an SDI certification record, an upper-case jail booking \
    screening, a DMAT tracking board, a frontier tele-emergency timeline, a VA travel claim, a \
    farmworker family's bilingual health record) and scored, without its misses being looked \
    at, with the rules from the start of that session: recall 0.884, precision 0.974 (names \
    0.817, addresses 0.824, ages 0.737). Its misses were then looked at and fixed \
    (docs/DEIDENTIFICATION.md, \"dev22 rules\": login names of initials and a surname in \
    either case and an audit log's user cell, codes in an export's cell, a chat speaker after \
    a date, towns that are English words after `in`, export name columns, writers' initials \
    in brackets, lower-case streets before a town and ZIP, JSON fields, ...): 0.928 on it now.\n\n\
    A twenty-third set, `dev23` (36 notes, 2,225 identifiers, six of them in upper case), was \
    written blind by six more authors at the start of the next session, each given a field \
    (emergency and forensic care, pediatrics and child protection, revenue cycle, laboratory \
    and genomics, home health and aging, public health and military medicine: an upper-case \
    ED tracking board, an ambulance diversion log, a poison center export, a SANE evidence \
    chain, a trauma alias merge worksheet, a family group text export, a school vaccination \
    roster, collections and lien letters, eligibility and registration extracts, a \
    microarray report with a pedigree, a PACS split ticket, a biobank consent worklist, \
    OASIS and assisted living records, a meals-on-wheels manifest, an elder exploitation \
    report, a TB contact investigation, an OSHA 300 CSV, a DOT exam file, an upper-case VA \
    exam request, a basic training outbreak SITREP, a disaster medical station's triage) and \
    scored, without its misses being looked at, with the rules from the start of that \
    session: recall 0.869, precision 0.962 (names 0.808, addresses 0.819, ages 0.738, \
    identifiers 0.794). Its misses were then looked at and fixed (docs/DEIDENTIFICATION.md, \
    \"dev23 rules\": the login a system makes of a person named in the note, a listed first \
    name and surname in lower case, the writer of a dated log entry, chat handles, Vietnamese \
    names with their diacritics and Karen names, codes after file, event and PIN words, \
    military dates, ...): 0.916 on it now. It is the next development set; the next blind \
    estimate needs a new set.";

fn main() {
    let notes = eval_set::evaluation_set();
    let (scores, errors) = eval_set::score(&notes);
    let table = eval_set::markdown(&notes, &scores);
    println!("{table}");
    let records = eval_set::record_set();
    let (planted, survived, record_errors) = eval_set::score_records(&records);
    let records_line = format!(
        "FHIR records: {} Bundles (Patient with contact, Encounter, Observation with a note, \
         DocumentReference with a base64 text attachment), {planted} planted identifier values \
         (names, street, city, phone, email, MRN, ZIP, birth date, visit date); found in the \
         `safe_harbor` output, its report or the decoded attachments: **{survived}**.",
        records.len()
    );
    println!("{records_line}");
    let show_errors = std::env::args().any(|a| a == "--errors");
    if show_errors {
        for e in errors.iter().chain(&record_errors) {
            println!("{e}");
        }
    }
    let mut held_out = String::new();
    for name in holdout::SETS {
        let notes = holdout::notes(name);
        let (scores, errors) = eval_set::score(&notes);
        let table = eval_set::markdown(&notes, &scores);
        println!("held-out {name}:\n{table}");
        // Only the development half's misses are ever listed: looking at the test half's would
        // turn it into one more development set.
        if show_errors && name != "test" {
            for e in &errors {
                println!("{e}");
            }
        }
        held_out.push_str(&format!("### `{name}` ({})\n\n{table}\n", holdout::role(name)));
    }
    let doc = format!(
        "# De-identification evaluation (free text)\n\n\
         Generated by `cargo run --example deid_eval`; the same set and goals are asserted by \
         `cargo test --test deid_eval`.\n\n\
         The set is synthetic and written by this project: a deterministic generator \
         (`tests/deid/eval_set.rs`) fills 14 note templates with invented values and annotates \
         every identifier span as it inserts it. Hard negatives are plain text: ages under 90, \
         bare years, drug names with doses, eponyms (Parkinson disease, Foley catheter, Down \
         syndrome, Bell's palsy, ...), blood pressures, pain scores. One note in four is repeated \
         in upper case. Half of the notes are scrubbed with the identifiers of the patient's \
         structured record (name parts, street, city, phone), as `safe_harbor` does for notes \
         inside FHIR resources; half without.\n\n\
         Scoring: a gold span counts as removed when every letter and digit in it lies inside \
         some detected span (of any class: what matters for de-identification is that it is \
         gone); typed recall also requires the detected class to match. A detected span is \
         correct when it overlaps some gold span. Goals (issue #4): recall at least 0.99 for \
         pattern classes and 0.95 for names and addresses, precision at least 0.85.\n\n\
         {table}\n\
         {records_line}\n\n\
         ## Held-out notes, written without reading the scrubber\n\n\
         {HELD_OUT_INTRO}\n\n\
         {held_out}\
         A side-by-side run of Microsoft Presidio on this same set, scored by the same rule, is \
         in [DEID-PRESIDIO.md](DEID-PRESIDIO.md) (`bash scripts/compare-presidio.sh`).\n\n\
         Limits of this measurement: the generator and the scrubber were written by the same \
         project, so the set shows the formats the scrubber was built for; it is a regression \
         and sanity measure, not an estimate of recall on real clinical notes (see \
         docs/DEIDENTIFICATION.md, Limits).\n"
    );
    let args: Vec<String> = std::env::args().collect();
    if let Some(path) = args.iter().position(|a| a == "--export-json").and_then(|i| args.get(i + 1)) {
        export::write_json(path, &notes, &scores, &holdout::SETS.map(|name| (name, holdout::notes(name))));
        eprintln!("wrote {path}");
    }
    std::fs::write(concat!(env!("CARGO_MANIFEST_DIR"), "/docs/DEID-EVAL.md"), doc).unwrap();
    eprintln!("wrote docs/DEID-EVAL.md");
}

/// Export of the set for the Presidio comparison (`scripts/presidio_eval.py`).
mod export {
    use super::eval_set::{ClassScore, Note};
    use phiseal::deid::{scrub_text, PhiKind, TextOptions};
    use serde_json::{json, Value};
    use std::collections::BTreeMap;
    use std::time::Instant;

    /// Character (not byte) offset: Python indexes strings by code point.
    fn char_offset(text: &str, byte: usize) -> usize {
        text[..byte].chars().count()
    }

    fn spans_json(text: &str, spans: impl Iterator<Item = (PhiKind, usize, usize)>) -> Value {
        spans
            .map(|(k, s, e)| json!({"class": k.label(), "start": char_offset(text, s), "end": char_offset(text, e)}))
            .collect()
    }

    /// The options each note is scrubbed with.
    fn options(notes: &[Note], with_known: bool) -> Vec<TextOptions> {
        notes
            .iter()
            .map(|n| TextOptions {
                known: if with_known { n.known.clone() } else { Default::default() },
                ..TextOptions::default()
            })
            .collect()
    }

    /// Detected spans per note.
    fn predicted(notes: &[Note], opts: &[TextOptions]) -> Vec<Value> {
        notes
            .iter()
            .zip(opts)
            .map(|(n, o)| {
                let out = scrub_text(&n.text, o).unwrap();
                spans_json(&n.text, out.spans.iter().map(|sp| (sp.kind, sp.start, sp.end)))
            })
            .collect()
    }

    /// Detected spans per note and single-thread notes/s (whole set repeated for >= 2 s).
    fn run(notes: &[Note], with_known: bool) -> (Vec<Value>, f64) {
        let opts = options(notes, with_known);
        let predicted = predicted(notes, &opts);
        let (start, mut done) = (Instant::now(), 0usize);
        while done == 0 || start.elapsed().as_secs_f64() < 2.0 {
            for (n, o) in notes.iter().zip(&opts) {
                std::hint::black_box(scrub_text(std::hint::black_box(&n.text), o).unwrap());
            }
            done += notes.len();
        }
        (predicted, done as f64 / start.elapsed().as_secs_f64())
    }

    /// A held-out set: its notes, gold spans and phiseal's spans (the notes carry no structured
    /// record, so phiseal gets the text alone, as Presidio does).
    fn held_out_json(notes: &[Note]) -> Value {
        let predicted = predicted(notes, &options(notes, false));
        json!({
            "notes": notes.iter().map(|n| json!({
                "text": n.text,
                "upper": n.upper,
                "has_known": false,
                "gold": spans_json(&n.text, n.gold.iter().copied()),
            })).collect::<Vec<_>>(),
            "phiseal": predicted,
        })
    }

    pub fn write_json(
        path: &str,
        notes: &[Note],
        scores: &BTreeMap<PhiKind, ClassScore>,
        held_out: &[(&str, Vec<Note>)],
    ) {
        let (with_known, rate_known) = run(notes, true);
        let (text_only, rate_text) = run(notes, false);
        let held_out: serde_json::Map<String, Value> =
            held_out.iter().map(|(name, notes)| (name.to_string(), held_out_json(notes))).collect();
        let rust_scores: BTreeMap<&str, Value> = scores
            .iter()
            .map(|(k, c)| (k.label(), json!({"gold": c.gold, "removed": c.removed, "typed": c.typed, "predicted": c.predicted, "predicted_ok": c.predicted_ok})))
            .collect();
        let doc = json!({
            "phiseal_version": env!("CARGO_PKG_VERSION"),
            "build": if cfg!(debug_assertions) { "debug" } else { "release" },
            "classes": PhiKind::ALL.iter().map(|k| k.label()).collect::<Vec<_>>(),
            "notes": notes.iter().map(|n| json!({
                "text": n.text,
                "upper": n.upper,
                "has_known": !n.known.is_empty(),
                "gold": spans_json(&n.text, n.gold.iter().copied()),
            })).collect::<Vec<_>>(),
            "phiseal": {
                "with_known": {"predicted": with_known, "notes_per_s": rate_known},
                "text_only": {"predicted": text_only, "notes_per_s": rate_text},
                "rust_scores": rust_scores,
            },
            "held_out": held_out,
        });
        std::fs::write(path, serde_json::to_string(&doc).unwrap()).unwrap();
    }
}
