//! Snippets and their terminal printing on arbitrary queries and texts: highlight ranges stay
//! inside the text, and nothing raw reaches the terminal.
//!
//! Input: `query\0title\0body\0path\0speaker\0fragment length\0fragments`; the speaker's
//! occurrences in the body stand for its quotes (the preferred ranges).
#![no_main]

use libfuzzer_sys::fuzz_target;
use newsdex::output;
use newsdex::search::snippet::{Shape, Snippets, to_char_ranges};
use newsdex::search::{Hit, Results, Timings};
use newsdex_fuzz::{check_ranges, check_terminal_safe, number, parts};

fuzz_target!(|data: &[u8]| {
    let [text, title, body, path, speaker, chars, fragments] = parts::<7>(data);
    let fx = newsdex_fuzz::fixture();
    let searcher = fx.reader.searcher();
    let shape = Shape {
        fragments: number(&fragments).min(8),
        chars: number(&chars),
    };
    let snippets = Snippets::new(&fx.index, &fx.fields, &searcher, &text, shape);
    let preferred: Vec<_> = if speaker.is_empty() {
        Vec::new()
    } else {
        body.match_indices(speaker.as_str())
            .map(|(at, s)| at..at + s.len())
            .collect()
    };
    let fragments = snippets.body(&body, &preferred);
    assert!(fragments.len() <= shape.fragments.max(1));
    for fragment in &fragments {
        check_ranges(&fragment.text, &fragment.highlights);
    }
    let title_highlights = snippets.title(&title);
    check_ranges(&title, &title_highlights);
    check_ranges(&body, &to_char_ranges(&body, &preferred));
    let results = Results {
        total: 1,
        stories: 1,
        stories_estimated: false,
        hits: vec![Hit {
            rank: 1,
            score: 1.0,
            id: path.clone(),
            path,
            title,
            title_highlights,
            published: None,
            url: None,
            speakers: vec![speaker.clone()],
            locations: vec![speaker],
            fragments,
            story: None,
            versions: 1,
            other_versions: Vec::new(),
        }],
        timings: Timings::default(),
        why: Default::default(),
        facets: None,
    };
    let mut printed = Vec::new();
    // Wrapped to a narrow terminal: the wrapping must keep the text as safe as the line.
    output::search::write_text(&mut printed, &results, Some(40)).expect("writing to memory");
    let printed = String::from_utf8(printed).expect("the printer writes UTF-8");
    check_terminal_safe(&printed);
});
