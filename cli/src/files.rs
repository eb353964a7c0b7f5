//! Reading inputs and writing outputs: files, or stdin / stdout for `-`.
//!
//! Inputs are read with a size cap so a huge or endless stream cannot exhaust memory.
//! File outputs are written to a temporary file in the same directory and renamed into place
//! only after everything succeeded, so a failure never leaves a partial file under the final
//! name. Files that may hold secrets or PHI are created with mode 0600. An output that exists
//! and is not a regular file (`/dev/null`, a FIFO, a terminal) is written in place, never
//! replaced; a symbolic link is followed, so its target is replaced and the link kept.

use std::fs::{self, File, OpenOptions};
use std::io::{self, IsTerminal, Read, Write};
use std::path::{Path, PathBuf};

use crate::exit::{CliError, CliResult, Status};

/// Who may read a file this tool writes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Sensitivity {
    /// Private keys, plaintext, records: owner only (0600).
    Secret,
    /// Public keys and sealed envelopes: the usual 0644 (before umask).
    Public,
}

/// True when `path` means stdin or stdout.
#[must_use]
pub fn is_std(path: &Path) -> bool {
    path.as_os_str() == "-"
}

/// Opens an input for streaming: a file, or stdin for `-`.
///
/// # Errors
/// [`Status::Io`] when the file cannot be opened.
pub fn open_input(path: &Path) -> CliResult<Box<dyn Read>> {
    if is_std(path) {
        return Ok(Box::new(io::stdin().lock()));
    }
    File::open(path).map(|file| Box::new(file) as Box<dyn Read>).map_err(|err| CliError::io("cannot open", path, &err))
}

/// Reads a whole input, refusing more than `limit` bytes.
///
/// # Errors
/// [`Status::Io`] for read errors, [`Status::LimitExceeded`] when the input is too large.
pub fn read_all(path: &Path, limit: u64, what: &str) -> CliResult<Vec<u8>> {
    let mut bytes = Vec::new();
    open_input(path)?
        .take(limit.saturating_add(1))
        .read_to_end(&mut bytes)
        .map_err(|err| CliError::io("cannot read", path, &err))?;
    if bytes.len() as u64 > limit {
        return Err(CliError {
            status: Status::LimitExceeded,
            message: format!("{} is larger than the {what} limit of {limit} bytes [LIMIT_EXCEEDED]", path.display()),
        });
    }
    Ok(bytes)
}

/// Refuses to write binary data to a terminal (it would garble the screen and is never
/// what was meant).
///
/// # Errors
/// [`Status::Usage`] when `path` is stdout and stdout is a terminal.
pub fn refuse_binary_to_terminal(path: &Path) -> CliResult {
    if is_std(path) && io::stdout().is_terminal() {
        return Err(CliError::usage("refusing to write binary output to a terminal: use -o FILE, a pipe, or --armor"));
    }
    Ok(())
}

/// Writes `bytes` to `path` (stdout for `-`), atomically for files.
///
/// # Errors
/// [`Status::Io`] when writing, syncing or renaming fails.
pub fn write_all(path: &Path, bytes: &[u8], sensitivity: Sensitivity) -> CliResult {
    if is_std(path) {
        let mut out = io::stdout().lock();
        return out.write_all(bytes).and_then(|()| out.flush()).map_err(|err| CliError::io("cannot write", path, &err));
    }
    let mut pending = PendingFile::create(path, sensitivity)?;
    pending.write_all(bytes).map_err(|err| CliError::io("cannot write", path, &err))?;
    pending.commit()
}

/// A file being written under a temporary name, renamed into place by [`PendingFile::commit`]
/// and removed if dropped before that; or, for an existing non-regular file (a device or FIFO),
/// that file written in place.
pub struct PendingFile {
    file: Option<File>,
    temporary: PathBuf,
    destination: PathBuf,
    in_place: bool,
}

impl PendingFile {
    /// Creates the temporary file next to `destination`.
    ///
    /// # Errors
    /// [`Status::Io`] when the directory is not writable.
    pub fn create(destination: &Path, sensitivity: Sensitivity) -> CliResult<Self> {
        let destination = &resolve_link(destination)?;
        if fs::metadata(destination).is_ok_and(|meta| !meta.is_file()) {
            let file = OpenOptions::new()
                .write(true)
                .open(destination)
                .map_err(|err| CliError::io("cannot open", destination, &err))?;
            let (temporary, destination) = (PathBuf::new(), destination.to_path_buf());
            return Ok(Self { file: Some(file), temporary, destination, in_place: true });
        }
        let name = destination.file_name().unwrap_or(destination.as_os_str()).to_string_lossy();
        let temporary = destination.with_file_name(format!(".{name}.{}.tmp", std::process::id()));
        let file =
            create_file(&temporary, sensitivity).map_err(|err| CliError::io("cannot create", &temporary, &err))?;
        Ok(Self { file: Some(file), temporary, destination: destination.to_path_buf(), in_place: false })
    }

    /// Flushes to disk and renames over the destination.
    ///
    /// # Errors
    /// [`Status::Io`] when syncing or renaming fails (the temporary file is removed).
    pub fn commit(mut self) -> CliResult {
        if self.in_place {
            return self.file.take().map_or(Ok(()), |mut file| {
                file.flush().map_err(|err| CliError::io("cannot write", &self.destination, &err))
            });
        }
        if let Some(file) = self.file.take() {
            file.sync_all().map_err(|err| CliError::io("cannot write", &self.destination, &err))?;
        }
        fs::rename(&self.temporary, &self.destination)
            .map_err(|err| CliError::io("cannot write", &self.destination, &err))
    }
}

impl Write for PendingFile {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        match self.file.as_mut() {
            Some(file) => file.write(buf),
            None => Err(io::Error::other("file already committed")),
        }
    }

    fn flush(&mut self) -> io::Result<()> {
        self.file.as_mut().map_or(Ok(()), Write::flush)
    }
}

/// The file a symbolic link points to (so replacing it keeps the link); other paths unchanged.
fn resolve_link(path: &Path) -> CliResult<PathBuf> {
    match fs::symlink_metadata(path) {
        Ok(meta) if meta.file_type().is_symlink() => {
            fs::canonicalize(path).map_err(|err| CliError::io("cannot resolve", path, &err))
        }
        _ => Ok(path.to_path_buf()),
    }
}

impl Drop for PendingFile {
    fn drop(&mut self) {
        if self.file.take().is_some() && !self.in_place {
            let _ = fs::remove_file(&self.temporary);
        }
    }
}

/// Creates a new file (never following an existing one) with the mode for `sensitivity`.
///
/// # Errors
/// Any I/O error, including `AlreadyExists`.
pub fn create_file(path: &Path, sensitivity: Sensitivity) -> io::Result<File> {
    let mut options = OpenOptions::new();
    options.write(true).create_new(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.mode(match sensitivity {
            Sensitivity::Secret => 0o600,
            Sensitivity::Public => 0o644,
        });
    }
    #[cfg(not(unix))]
    let _ = sensitivity;
    options.open(path)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_dropped_pending_file_leaves_nothing() {
        let dir = std::env::temp_dir().join(format!("phiseal-cli-files-{}", std::process::id()));
        fs::create_dir_all(&dir).unwrap();
        let destination = dir.join("out.bin");
        let mut pending = PendingFile::create(&destination, Sensitivity::Secret).unwrap();
        pending.write_all(b"partial").unwrap();
        drop(pending);
        assert!(!destination.exists());
        assert_eq!(fs::read_dir(&dir).unwrap().count(), 0);
        fs::remove_dir(&dir).unwrap();
    }

    #[cfg(unix)]
    #[test]
    fn special_files_are_written_in_place_and_links_are_kept() {
        use std::os::unix::fs::FileTypeExt;
        let dir = std::env::temp_dir().join(format!("phiseal-cli-special-{}", std::process::id()));
        fs::create_dir_all(&dir).unwrap();
        let fifo = dir.join("pipe");
        assert!(std::process::Command::new("mkfifo").arg(&fifo).status().unwrap().success());
        let reader_path = fifo.clone();
        let reader = std::thread::spawn(move || fs::read(reader_path).unwrap());
        write_all(&fifo, b"through the pipe", Sensitivity::Public).unwrap();
        assert_eq!(reader.join().unwrap(), b"through the pipe");
        assert!(fs::symlink_metadata(&fifo).unwrap().file_type().is_fifo());
        let target = dir.join("target.txt");
        fs::write(&target, b"old").unwrap();
        let link = dir.join("link.txt");
        std::os::unix::fs::symlink(&target, &link).unwrap();
        write_all(&link, b"new", Sensitivity::Public).unwrap();
        assert!(fs::symlink_metadata(&link).unwrap().file_type().is_symlink());
        assert_eq!(fs::read(&target).unwrap(), b"new");
        fs::remove_dir_all(&dir).unwrap();
    }
}
