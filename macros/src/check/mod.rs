//! Guard: every rule that rejects input, each a spanned error that says what to
//! write instead — `args.rs` a macro's arguments and options, `refs.rs` what a
//! source reference may be, `item.rs` the item under `#[jwt_secret]`.
//!
//! Errors are collected (`ctxt.rs`), not returned early, so a user sees all
//! their mistakes at once. No message repeats a string the user wrote unless it
//! is one of our own words or an identifier the scan engine cleared: a
//! suspected secret appears only in the source line rustc quotes, never in the
//! message.

mod args;
mod item;
mod refs;

#[cfg(test)]
pub(crate) use args::parse_interval;
pub(crate) use args::{check_args, check_secret_args};
pub(crate) use item::{Shape, check_item};
