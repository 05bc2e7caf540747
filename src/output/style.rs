//! Terminal colours: when to use them and which.

use anstyle::{AnsiColor, Effects, Style};

use crate::cli::Color;

/// The colour choice for stdout, honouring `--color`, `NO_COLOR` and non-terminals.
pub(crate) fn choice(color: Color) -> anstream::ColorChoice {
    match color {
        Color::Auto => anstream::ColorChoice::Auto,
        Color::Always => anstream::ColorChoice::Always,
        Color::Never => anstream::ColorChoice::Never,
    }
}

pub(crate) const MATCH: Style = AnsiColor::Red.on_default().effects(Effects::BOLD);
pub(crate) const TITLE: Style = Style::new().effects(Effects::BOLD);
pub(crate) const DIM: Style = Style::new().effects(Effects::DIMMED);
pub(crate) const RANK: Style = AnsiColor::Green.on_default();
pub(crate) const LABEL: Style = AnsiColor::Cyan.on_default();
