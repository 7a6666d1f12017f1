//! Reading a secret from a file: `file = "…"` and `NAME_FILE` (Docker/Kubernetes secrets).

use std::fs::{File, OpenOptions};
use std::io::{self, Read};
use std::path::Path;

use zeroize::Zeroizing;

use super::trace::{Origin, Step, Trace};
use crate::error::{ErrorKind, Outcome};

/// A secret file holds one secret; anything larger is a wrong path, not a key.
pub(crate) const MAX_SECRET_FILE: u64 = 1024 * 1024;

/// `file = "PATH"`: a missing file lets the chain go on; an unreadable one stops it.
pub(super) fn lookup(path: &str, trace: &mut Trace) -> Step {
    read_into_trace(path.to_owned(), Path::new(path), true, trace).attributed_to(Origin::File)
}

/// `file://PATH` held in a variable: a missing file is a broken reference.
pub(super) fn follow_reference(_: &'static str, path: &str, trace: &mut Trace) -> Step {
    read_into_trace(path.to_owned(), Path::new(path), false, trace).attributed_to(Origin::File)
}

/// How to fix a secret file that is missing, empty or unreadable.
pub(super) fn help(kind: &ErrorKind) -> String {
    match kind {
        ErrorKind::Unreadable { .. } => {
            "check that the file exists and that this process may read it".to_owned()
        }
        _ => "create the file, holding only the secret".to_owned(),
    }
}

/// Reads `path`, recording the outcome under `place`. A missing file is a
/// failure unless `missing_is_unset` (a `NAME_FILE` that names a missing file
/// is a broken deployment, not an unset secret).
pub(super) fn read_into_trace(
    place: String,
    path: &Path,
    missing_is_unset: bool,
    trace: &mut Trace,
) -> Step {
    match read_secret_file(path) {
        Ok(value) => trace.value(place, value),
        Err(e) if e.kind() == io::ErrorKind::NotFound => {
            trace.record(place, Outcome::NotFound);
            if missing_is_unset {
                Step::Missing
            } else {
                Step::failed(ErrorKind::Unreadable {
                    reason: format!("{} does not exist", path.display()),
                })
            }
        }
        Err(e) => {
            let reason = e.to_string();
            trace.record(place, Outcome::Unreadable(reason.clone()));
            Step::failed(ErrorKind::Unreadable { reason })
        }
    }
}

/// The file's bytes with one trailing newline (`\n` or `\r\n`) removed, as
/// `echo secret > file` leaves one behind.
pub(crate) fn read_secret_file(path: &Path) -> io::Result<Zeroizing<Vec<u8>>> {
    let mut bytes = read_capped(path)?;
    if bytes.ends_with(b"\n") {
        bytes.pop();
        if bytes.ends_with(b"\r") {
            bytes.pop();
        }
    }
    Ok(bytes)
}

/// The whole of the regular file `path`, at most [`MAX_SECRET_FILE`] bytes,
/// read into a buffer sized up front so that reading never reallocates and
/// strands a copy.
pub(crate) fn read_capped(path: &Path) -> io::Result<Zeroizing<Vec<u8>>> {
    let file = open_regular(path)?;
    let size_hint = file.metadata().map(|m| m.len()).unwrap_or(0);
    if size_hint > MAX_SECRET_FILE {
        return Err(too_large());
    }
    let capacity = usize::try_from(size_hint).unwrap_or(0).saturating_add(1);
    let mut bytes = Zeroizing::new(Vec::with_capacity(capacity));
    file.take(MAX_SECRET_FILE + 1).read_to_end(&mut bytes)?;
    if bytes.len() as u64 > MAX_SECRET_FILE {
        return Err(too_large());
    }
    Ok(bytes)
}

/// Opens `path` for reading, refusing anything but a regular file. A FIFO
/// would block `open` until some writer appears, and a pipe or device is not
/// a secret file: the type is checked on the opened descriptor, so the path
/// cannot be swapped between the check and the read.
fn open_regular(path: &Path) -> io::Result<File> {
    let mut options = OpenOptions::new();
    options.read(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        // a FIFO opened without it blocks until a writer opens the other end
        options.custom_flags(libc::O_NONBLOCK);
    }
    let file = options.open(path)?;
    let file_type = file.metadata()?.file_type();
    if !file_type.is_file() {
        let shown = path.display();
        return Err(io::Error::other(match describe(file_type) {
            Some(what) => format!("{shown} is {what}, not a regular file"),
            None => format!("{shown} is not a regular file"),
        }));
    }
    Ok(file)
}

/// What a file that is not a regular file is, for the error.
fn describe(file_type: std::fs::FileType) -> Option<&'static str> {
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt;
        if file_type.is_fifo() {
            return Some("a FIFO");
        }
        if file_type.is_socket() {
            return Some("a socket");
        }
        if file_type.is_char_device() || file_type.is_block_device() {
            return Some("a device");
        }
    }
    file_type.is_dir().then_some("a directory")
}

fn too_large() -> io::Error {
    io::Error::other("larger than 1 MiB, which is not a secret")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read(contents: &[u8]) -> Vec<u8> {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("s");
        std::fs::write(&path, contents).unwrap();
        read_secret_file(&path).unwrap().to_vec()
    }

    #[test]
    fn exactly_one_trailing_newline_is_trimmed() {
        assert_eq!(read(b"abc\n"), b"abc");
        assert_eq!(read(b"abc\r\n"), b"abc");
        assert_eq!(read(b"abc\n\n"), b"abc\n");
        assert_eq!(read(b"abc"), b"abc");
        assert_eq!(read(b" abc \n"), b" abc ");
    }

    #[test]
    fn a_huge_file_is_refused() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("big");
        std::fs::write(&path, vec![b'a'; MAX_SECRET_FILE as usize + 1]).unwrap();
        let err = read_secret_file(&path).unwrap_err();
        assert_eq!(err.to_string(), "larger than 1 MiB, which is not a secret");
    }

    #[cfg(unix)]
    #[test]
    fn a_fifo_is_refused_without_blocking() {
        use std::sync::mpsc;
        use std::time::Duration;

        let dir = tempfile::tempdir().unwrap();
        let fifo = dir.path().join("fifo");
        let made = std::process::Command::new("mkfifo").arg(&fifo).status();
        assert!(made.is_ok_and(|s| s.success()), "mkfifo");

        let (done, finished) = mpsc::channel();
        let path = fifo.clone();
        std::thread::spawn(move || done.send(read_secret_file(&path).map(|v| v.len())));
        let result = match finished.recv_timeout(Duration::from_secs(10)) {
            Ok(result) => result,
            Err(_) => {
                // a writer end (read+write never blocks) frees the reader, so the test ends
                let mut writer = OpenOptions::new()
                    .read(true)
                    .write(true)
                    .open(&fifo)
                    .unwrap();
                std::io::Write::write_all(&mut writer, b"x").unwrap();
                drop(writer);
                panic!("reading a FIFO blocked");
            }
        };
        let err = result.unwrap_err();
        assert_eq!(
            err.to_string(),
            format!("{} is a FIFO, not a regular file", fifo.display())
        );
    }

    #[test]
    fn a_directory_is_refused() {
        let dir = tempfile::tempdir().unwrap();
        let err = read_secret_file(dir.path()).unwrap_err();
        assert_eq!(
            err.to_string(),
            format!(
                "{} is a directory, not a regular file",
                dir.path().display()
            )
        );
    }
}
