//! Rendering for people: the sanitising output buffer, colour and width
//! decisions, and text helpers shared by every command.

pub mod ascii;
pub mod pager;
pub mod rating;
pub mod sanitize;
pub mod table;
pub mod term;
pub mod text;

pub use term::{Out, Paint, Term};
