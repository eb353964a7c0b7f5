//! Progress of a bulk run on stderr, and its closing summary.
//!
//! The progress line is drawn only when stderr is a terminal, the run was not asked to be
//! quiet, and it has lasted over a second; it is redrawn at most five times a second. It shows
//! counts and rates, never a record.

use std::io::{self, IsTerminal, Write};
use std::time::{Duration, Instant};

const SHOW_AFTER: Duration = Duration::from_secs(1);
const REDRAW_EVERY: Duration = Duration::from_millis(200);
const BAR_WIDTH: usize = 24;

/// Counters of a bulk run and the terminal line showing them.
pub struct Progress {
    verb: String,
    total_bytes: Option<u64>,
    enabled: bool,
    started: Instant,
    last_draw: Option<Instant>,
    drawn: bool,
    bytes: u64,
    records: u64,
    errors: u64,
}

/// The figures printed at the end of a bulk run.
#[derive(Clone, Copy, Debug)]
pub struct Summary {
    /// Records processed successfully.
    pub records: u64,
    /// Records that failed.
    pub errors: u64,
    /// Input bytes read (including newlines).
    pub bytes: u64,
    /// Wall-clock time.
    pub elapsed: Duration,
    /// Worker threads.
    pub jobs: usize,
}

impl Summary {
    /// `phiseal: sealed 1000 records, 0 errors, 2.345 MB in 0.51 s (4.60 MB/s, 1961 records/s, 2 jobs)`.
    #[must_use]
    pub fn line(&self, verb: &str) -> String {
        let seconds = self.elapsed.as_secs_f64().max(1e-9);
        let megabytes = self.bytes as f64 / 1e6;
        format!(
            "phiseal: {verb} {} records, {} errors, {megabytes:.3} MB in {seconds:.2} s ({:.2} MB/s, {:.0} records/s, {} jobs)",
            self.records,
            self.errors,
            megabytes / seconds,
            self.records as f64 / seconds,
            self.jobs
        )
    }
}

impl Progress {
    /// A progress display for a run reading `total_bytes` (when known).
    #[must_use]
    pub fn new(verb: &str, total_bytes: Option<u64>, quiet: bool) -> Self {
        Self {
            verb: verb.to_owned(),
            total_bytes,
            enabled: !quiet && io::stderr().is_terminal(),
            started: Instant::now(),
            last_draw: None,
            drawn: false,
            bytes: 0,
            records: 0,
            errors: 0,
        }
    }

    /// Counts input bytes consumed.
    pub fn add_bytes(&mut self, bytes: u64) {
        self.bytes += bytes;
    }

    /// Counts one successful record.
    pub fn add_record(&mut self) {
        self.records += 1;
    }

    /// Counts one failed record.
    pub fn add_error(&mut self) {
        self.errors += 1;
    }

    /// Redraws the line when it is due.
    pub fn tick(&mut self) {
        let now = Instant::now();
        let due = self.last_draw.map_or(true, |last| now.duration_since(last) >= REDRAW_EVERY);
        if self.enabled && due && now.duration_since(self.started) >= SHOW_AFTER {
            self.last_draw = Some(now);
            self.draw(now);
        }
    }

    fn draw(&mut self, now: Instant) {
        let seconds = now.duration_since(self.started).as_secs_f64().max(1e-9);
        let rate = self.bytes as f64 / 1e6 / seconds;
        let bar = match self.total_bytes {
            Some(total) if total > 0 => {
                let done = (self.bytes.min(total) as f64 / total as f64 * BAR_WIDTH as f64) as usize;
                let percent = self.bytes.min(total) * 100 / total;
                format!("[{}{}] {percent:>3}% ", "#".repeat(done), "-".repeat(BAR_WIDTH - done))
            }
            _ => String::new(),
        };
        let mut err = io::stderr().lock();
        let _ =
            write!(err, "\r\x1b[2K{bar}{} {} records, {} errors, {rate:.1} MB/s", self.verb, self.records, self.errors);
        let _ = err.flush();
        self.drawn = true;
    }

    /// Erases the line (before another message is printed on stderr).
    pub fn clear(&mut self) {
        if self.drawn {
            let mut err = io::stderr().lock();
            let _ = write!(err, "\r\x1b[2K");
            let _ = err.flush();
            self.drawn = false;
            self.last_draw = None;
        }
    }

    /// Ends the display.
    pub fn finish(&mut self) {
        self.clear();
    }

    /// The figures so far.
    #[must_use]
    pub fn summary(&self, elapsed: Duration, jobs: usize) -> Summary {
        Summary { records: self.records, errors: self.errors, bytes: self.bytes, elapsed, jobs }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_summary_line_has_counts_and_rates() {
        let summary = Summary { records: 1000, errors: 2, bytes: 2_000_000, elapsed: Duration::from_secs(2), jobs: 4 };
        assert_eq!(
            summary.line("sealed"),
            "phiseal: sealed 1000 records, 2 errors, 2.000 MB in 2.00 s (1.00 MB/s, 500 records/s, 4 jobs)"
        );
    }
}
