//! Terminal colours: when to use them and which.

use anstyle::{AnsiColor, Effects, Style};

use crate::cli::Color;

/// The colour choice for stdout, honouring `--color`, `NO_COLOR` and non-terminals.
pub fn choice(color: Color) -> anstream::ColorChoice {
    match color {
        Color::Auto => anstream::ColorChoice::Auto,
        Color::Always => anstream::ColorChoice::Always,
        Color::Never => anstream::ColorChoice::Never,
    }
}

pub const MATCH: Style = AnsiColor::Red.on_default().effects(Effects::BOLD);
pub const TITLE: Style = Style::new().effects(Effects::BOLD);
pub const DIM: Style = Style::new().effects(Effects::DIMMED);
pub const RANK: Style = AnsiColor::Green.on_default();
pub const LABEL: Style = AnsiColor::Cyan.on_default();
