//! CPU time of the whole process as a criterion measurement, shared by the benches that report
//! CPU-time rates (`benches/records.rs`, `benches/deid.rs`, `benches/stream.rs`): on a shared
//! machine other jobs inflate wall-clock time but not the CPU time this process uses (and
//! `openssl speed`, which the stream rows are set beside, reports CPU time too).

use criterion::measurement::{Measurement, ValueFormatter, WallTime};
use std::time::Duration;

/// CPU time of the whole process (`clock_gettime(CLOCK_PROCESS_CPUTIME_ID)`), in nanoseconds.
pub struct ProcessCpuTime;

static WALL: WallTime = WallTime;

#[cfg(unix)]
pub fn process_cpu_nanos() -> u64 {
    let mut now = libc::timespec { tv_sec: 0, tv_nsec: 0 };
    // SAFETY: `now` is a valid, writable timespec; the clock id is a constant the kernel knows.
    let rc = unsafe { libc::clock_gettime(libc::CLOCK_PROCESS_CPUTIME_ID, &mut now) };
    assert_eq!(rc, 0, "clock_gettime(CLOCK_PROCESS_CPUTIME_ID) failed");
    u64::try_from(now.tv_sec).unwrap() * 1_000_000_000 + u64::try_from(now.tv_nsec).unwrap()
}

/// Elsewhere the "CPU" group falls back to wall-clock time.
#[cfg(not(unix))]
pub fn process_cpu_nanos() -> u64 {
    static EPOCH: std::sync::OnceLock<std::time::Instant> = std::sync::OnceLock::new();
    let elapsed = EPOCH.get_or_init(std::time::Instant::now).elapsed();
    u64::try_from(elapsed.as_nanos()).unwrap()
}

impl Measurement for ProcessCpuTime {
    type Intermediate = u64;
    type Value = Duration;

    fn start(&self) -> u64 {
        process_cpu_nanos()
    }
    fn end(&self, start: u64) -> Duration {
        Duration::from_nanos(process_cpu_nanos().saturating_sub(start))
    }
    fn add(&self, a: &Duration, b: &Duration) -> Duration {
        *a + *b
    }
    fn zero(&self) -> Duration {
        Duration::ZERO
    }
    fn to_f64(&self, value: &Duration) -> f64 {
        value.as_nanos() as f64
    }
    fn formatter(&self) -> &dyn ValueFormatter {
        // Values are nanoseconds, as for wall time: reuse its units.
        WALL.formatter()
    }
}
