//! A global allocator that counts freed blocks still holding a marker: the instrument of `tests/zeroize.rs`.
//!
//! A test process installs it with
//! `#[global_allocator] static ALLOC: FreedMemoryScanner = FreedMemoryScanner;`,
//! calls [`arm_from_env`] once, loads and drops a secret, then reads [`hits`].
//! Every block handed back to the allocator while armed is scanned for each
//! marker; a hit is a copy of the secret that was freed without being
//! zeroized, still readable by whoever gets that memory next.
//!
//! - `realloc` is always alloc + copy + dealloc here, so the old block of a
//!   growing buffer is scanned too: whether the real allocator moves a block
//!   is its choice, not the code's, so a growth that holds a secret counts.
//! - Every block is handed out zeroed, so a freed block is initialized memory
//!   throughout and reading all of it is defined.
//! - Scanning never allocates. Only blocks freed are seen: a copy kept alive
//!   (a pool's buffer, a `static`) is not.
//! - With `SG_ZEROIZE_TRACE=1` in the environment when armed, each hit prints
//!   the block's size and a backtrace to stderr (this does allocate, inside
//!   `dealloc`, behind a per-thread guard; a debugging aid, not for the suite).
//!   Never the block's contents.

use std::alloc::{GlobalAlloc, Layout, System};
use std::cell::Cell;
use std::sync::OnceLock;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering::Relaxed};

/// How many markers one process may scan for.
pub const MAX_MARKERS: usize = 8;

/// The variable [`markers_env`] fills and [`arm_from_env`] reads.
pub const MARKERS_VAR: &str = "SG_ZEROIZE_MARKERS";

/// The variable that turns on a backtrace per hit.
pub const TRACE_VAR: &str = "SG_ZEROIZE_TRACE";

/// A labelled byte string to look for; stored once, never freed.
struct Marker {
    label: String,
    bytes: Vec<u8>,
}

static MARKERS: OnceLock<Vec<Marker>> = OnceLock::new();
static ARMED: AtomicBool = AtomicBool::new(false);
static TRACE: AtomicBool = AtomicBool::new(false);
static HITS: [AtomicUsize; MAX_MARKERS] = [const { AtomicUsize::new(0) }; MAX_MARKERS];

thread_local! {
    // const-initialized and without a destructor: usable inside the allocator
    static TRACING: Cell<bool> = const { Cell::new(false) };
}

/// `System`, scanning each block it frees for the armed markers.
pub struct FreedMemoryScanner;

// The one `unsafe` of the test suite: `GlobalAlloc` is an unsafe trait, and
// reading a block about to be freed needs a raw-pointer slice.
#[allow(unsafe_code)]
unsafe impl GlobalAlloc for FreedMemoryScanner {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        // zeroed, so a freed block never holds uninitialized bytes for `dealloc` to read
        // SAFETY: the caller's contract for `alloc` is `alloc_zeroed`'s
        unsafe { System.alloc_zeroed(layout) }
    }

    unsafe fn alloc_zeroed(&self, layout: Layout) -> *mut u8 {
        // SAFETY: as above
        unsafe { System.alloc_zeroed(layout) }
    }

    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        if ARMED.load(Relaxed) {
            // SAFETY: `ptr` is a live block of `layout.size()` bytes, allocated
            // zeroed by this allocator, until `System.dealloc` below
            let block = unsafe { std::slice::from_raw_parts(ptr, layout.size()) };
            scan(block);
        }
        // SAFETY: `ptr` came from `System` with this layout
        unsafe { System.dealloc(ptr, layout) }
    }

    // `realloc` is left to the trait's default (alloc, copy, `dealloc` of the
    // old block), so every block a growing buffer leaves behind is scanned
}

/// Counts each marker found in `block`. Must not allocate (unless tracing).
fn scan(block: &[u8]) {
    let Some(markers) = MARKERS.get() else { return };
    for (index, marker) in markers.iter().enumerate() {
        if contains(block, &marker.bytes) {
            HITS[index].fetch_add(1, Relaxed);
            if TRACE.load(Relaxed) {
                trace_hit(&marker.label, block.len());
            }
        }
    }
}

fn contains(haystack: &[u8], needle: &[u8]) -> bool {
    let Some((&first, _)) = needle.split_first() else {
        return false;
    };
    haystack.len() >= needle.len()
        && (0..=haystack.len() - needle.len())
            .any(|at| haystack[at] == first && haystack[at..].starts_with(needle))
}

/// Prints where a marked block was freed: label, size, backtrace; never contents.
fn trace_hit(label: &str, size: usize) {
    if TRACING.get() {
        return;
    }
    TRACING.set(true);
    let backtrace = std::backtrace::Backtrace::force_capture();
    eprintln!("zeroize trace: `{label}` freed in a block of {size} bytes at\n{backtrace}");
    TRACING.set(false);
}

/// The value of [`MARKERS_VAR`] for a child that scans for `markers`:
/// `label=hex,…` (hex, so the variable itself holds no marker bytes).
pub fn markers_env(markers: &[(&str, &[u8])]) -> String {
    assert!(
        markers.len() <= MAX_MARKERS,
        "at most {MAX_MARKERS} markers"
    );
    markers
        .iter()
        .map(|(label, bytes)| {
            assert!(!bytes.is_empty(), "marker `{label}` is empty");
            let hex: String = bytes.iter().map(|b| format!("{b:02x}")).collect();
            format!("{label}={hex}")
        })
        .collect::<Vec<_>>()
        .join(",")
}

/// Reads [`MARKERS_VAR`] and starts counting. Everything read on the way is
/// dropped before counting starts; the markers themselves are kept forever.
/// Panics if called twice, or if the variable is missing or malformed.
pub fn arm_from_env() {
    let trace = std::env::var_os(TRACE_VAR).is_some_and(|v| v == "1");
    let markers = {
        let spec = std::env::var(MARKERS_VAR).expect("SG_ZEROIZE_MARKERS is not set");
        spec.split(',').map(parse_marker).collect::<Vec<_>>()
    };
    assert!(
        markers.len() <= MAX_MARKERS,
        "at most {MAX_MARKERS} markers"
    );
    assert!(MARKERS.set(markers).is_ok(), "armed twice");
    TRACE.store(trace, Relaxed);
    ARMED.store(true, Relaxed);
}

fn parse_marker(entry: &str) -> Marker {
    let (label, hex) = entry.split_once('=').expect("a marker is `label=hex`");
    let bytes = (0..hex.len())
        .step_by(2)
        .map(|i| u8::from_str_radix(&hex[i..i + 2], 16).expect("a marker is hex"))
        .collect();
    Marker {
        label: label.to_owned(),
        bytes,
    }
}

/// Stops counting (the counts stay as they are).
pub fn disarm() {
    ARMED.store(false, Relaxed);
}

/// Each armed marker's label and how many freed blocks held it so far.
pub fn hits() -> Vec<(&'static str, usize)> {
    MARKERS
        .get()
        .map(|markers| {
            markers
                .iter()
                .zip(&HITS)
                .map(|(marker, hits)| (marker.label.as_str(), hits.load(Relaxed)))
                .collect()
        })
        .unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn contains_finds_a_needle_anywhere() {
        assert!(contains(b"abcdef", b"cde"));
        assert!(contains(b"abcdef", b"abcdef"));
        assert!(!contains(b"abcdef", b"abcdefg"));
        assert!(!contains(b"abcdef", b"ce"));
        assert!(!contains(b"abc", b""));
    }

    #[test]
    fn markers_round_trip_through_the_variable() {
        let env = markers_env(&[("secret", b"\x00ab"), ("token", b"z")]);
        assert_eq!(env, "secret=006162,token=7a");
        let parsed: Vec<_> = env.split(',').map(parse_marker).collect();
        assert_eq!(parsed[0].label, "secret");
        assert_eq!(parsed[0].bytes, b"\x00ab");
        assert_eq!(parsed[1].bytes, b"z");
    }
}
