//! One module per subcommand: its arguments, help examples and `run`.

pub mod deid;
pub mod inspect;
pub mod keygen;
pub mod open;
pub mod open_record;
pub mod pubkey;
pub mod rewrap;
pub mod seal;
pub mod seal_record;
