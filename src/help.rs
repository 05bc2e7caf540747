//! The prose of `--help` and of the manual page: examples, the query syntax and the exit status,
//! written once for both.
//!
//! Each text is a run of sections, a heading line ending in `:` then indented lines; `--help`
//! prints it as it is, and `newsdex man` turns each heading into a section of the page
//! ([`sections`]).

/// The query syntax, as `search` and `quotes` take it.
macro_rules! query_syntax {
    () => {
        "\
Query syntax:
  direct flights        every word is required (stemmed: flight finds flights)
  \"direct flights\"      the phrase; \"direct flights\"~2 allows two words in between
  flights -Ushakov      without the excluded word (or \"phrase\")
  Ushakov OR Ryabkov    either word
  (Ushakov OR Ryabkov) -flights
                        parentheses group
  speaker:ushakov       a word in one field; fields: title, body, speaker, location,
                        country, path, url, id, mentions
  mentions:2025-02-27   articles that mention that day (also 2025-02, 2025,
                        2025-01..2025-03)
  negoti*               words that begin so (a prefix)
  O'Brien U.S. $5bn     apostrophes, hyphens and other punctuation inside a word are
                        taken as typed
  Erdogan               matching ignores case and accents: Erdogan finds Erdoğan
Quote the query for the shell: newsdex search '\"direct flights\" -Ushakov'."
    };
}

/// What the process's exit code means.
macro_rules! exit_status {
    () => {
        "\
Exit status:
  0    results found (search, quotes); done (other commands)
  1    nothing found
  2    an error: a bad query or option, a missing or locked index, an unreadable
       file (`index` goes on past it and exits 2 at the end)
  130  interrupted (Ctrl-C or SIGTERM) once the work so far is committed; run
       `newsdex index` again to finish (`index --watch` stops with 0)"
    };
}

macro_rules! search_examples {
    () => {
        "\
Examples:
  newsdex search 'direct flights'
  newsdex search '\"direct flights\"' --since 2019-06 --limit 20
  newsdex search 'Ushakov OR Ryabkov -Trump' --location Istanbul
  newsdex search 'title:kremlin' --speaker peskov --until 2019
  newsdex search talks --offset 10        # the second page of ten
  newsdex search oil --sort newest        # latest first, undated last
  newsdex search oil --recency 30d        # a month older counts half
  newsdex search talks --mentions 2025-02-27    # articles mentioning that day
  newsdex search rates --facets --interval month --per 1000   # who, where, when
  newsdex search talks --format json | jq -r 'select(.type == \"hit\") | .path'"
    };
}

macro_rules! quotes_examples {
    () => {
        "\
Examples:
  newsdex quotes talks
  newsdex quotes '' --speaker ushakov     # all of Ushakov's quotes, newest first
  newsdex quotes 'flights -Russia' --since 2019
  newsdex quotes rates --facets           # who is quoted on rates, and when
  newsdex quotes ceasefire --format json"
    };
}

/// After the list of subcommands in `newsdex --help` and the manual page.
pub(crate) const MAIN: &str = concat!(
    "\
Examples:
  newsdex index --corpus ~/news --index ~/news-index
  newsdex search 'direct flights' --index ~/news-index
  newsdex quotes talks --speaker ryabkov --index ~/news-index
  newsdex stats --top 5 --index ~/news-index
  newsdex man | man -l -",
    "\n\n",
    query_syntax!(),
    "\n\n",
    exit_status!()
);

/// After the options in `newsdex search -h`.
pub(crate) const SEARCH_SHORT: &str = concat!(
    search_examples!(),
    "\n\nThe query syntax and the exit status: newsdex search --help."
);

/// After the options in `newsdex search --help`.
pub(crate) const SEARCH: &str = concat!(
    search_examples!(),
    "\n\n",
    query_syntax!(),
    "\n\n",
    exit_status!()
);

/// After the options in `newsdex quotes -h`.
pub(crate) const QUOTES_SHORT: &str = concat!(
    quotes_examples!(),
    "\n\nThe query syntax and the exit status: newsdex quotes --help."
);

/// After the options in `newsdex quotes --help`.
pub(crate) const QUOTES: &str = concat!(
    quotes_examples!(),
    "\n\n",
    query_syntax!(),
    "\n\n",
    exit_status!()
);

/// A help text split into its sections: (heading without the colon, the lines under it).
/// Lines before the first heading belong to a section with an empty heading.
pub(crate) fn sections(text: &str) -> Vec<(String, Vec<String>)> {
    let mut sections: Vec<(String, Vec<String>)> = Vec::new();
    for line in text.lines() {
        let heading = (!line.starts_with(' ') && line.ends_with(':'))
            .then(|| line.trim_end_matches(':'))
            .filter(|h| !h.is_empty());
        match (heading, sections.last_mut()) {
            (Some(heading), _) => sections.push((heading.to_string(), Vec::new())),
            (None, Some((_, lines))) => lines.push(line.to_string()),
            (None, None) => sections.push((String::new(), vec![line.to_string()])),
        }
    }
    for (_, lines) in &mut sections {
        while lines.last().is_some_and(|l| l.trim().is_empty()) {
            lines.pop();
        }
    }
    sections
}

#[cfg(test)]
mod tests {
    use super::*;

    fn headings(text: &str) -> Vec<String> {
        sections(text).into_iter().map(|(h, _)| h).collect()
    }

    #[test]
    fn each_text_has_its_sections() {
        assert_eq!(headings(MAIN), ["Examples", "Query syntax", "Exit status"]);
        assert_eq!(headings(SEARCH), headings(MAIN));
        assert_eq!(headings(QUOTES), headings(MAIN));
        assert_eq!(headings(SEARCH_SHORT), ["Examples"]);
    }

    #[test]
    fn a_section_keeps_its_lines_as_written() {
        let text = "Intro line\nExamples:\n  a b\n    c\n\nExit status:\n  0  ok\n";
        let sections = sections(text);
        assert_eq!(sections[0], (String::new(), vec!["Intro line".to_string()]));
        assert_eq!(
            sections[1],
            (
                "Examples".to_string(),
                vec!["  a b".to_string(), "    c".to_string()]
            )
        );
        assert_eq!(sections[2].1, ["  0  ok"]);
    }

    #[test]
    fn lines_fit_a_narrow_help_screen() {
        for text in [MAIN, SEARCH, QUOTES] {
            for line in text.lines() {
                assert!(line.chars().count() <= 90, "{line:?}");
            }
        }
    }
}
