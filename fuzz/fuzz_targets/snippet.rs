//! Snippets and their terminal printing on arbitrary queries and texts: highlight ranges stay
//! inside the text, and nothing raw reaches the terminal.
//!
//! Input: `query\0title\0body\0path\0speaker\0fragment length`.
#![no_main]

use libfuzzer_sys::fuzz_target;
use newsdex::output;
use newsdex::search::snippet::{self, Snippets};
use newsdex::search::{Hit, Results, Timings, query};
use newsdex_fuzz::{check_ranges, check_terminal_safe, number, parts};

fuzz_target!(|data: &[u8]| {
    let [text, title, body, path, speaker, chars] = parts::<6>(data);
    let chars = number(&chars);
    let lead = snippet::lead(&body, chars);
    assert!(body.starts_with(&lead.text));
    let fx = newsdex_fuzz::fixture();
    let Ok(parsed) = query::parse_text(&fx.parser, &text) else {
        return;
    };
    let searcher = fx.reader.searcher();
    let Ok(snippets) = Snippets::new(&searcher, &*parsed, fx.fields.body, fx.fields.title, chars)
    else {
        return;
    };
    let fragments = snippets.body(&body);
    for fragment in &fragments {
        check_ranges(&fragment.text, &fragment.highlights);
    }
    let title_highlights = snippets.title(&title);
    check_ranges(&title, &title_highlights);
    let results = Results {
        total: 1,
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
        }],
        timings: Timings::default(),
    };
    let mut printed = Vec::new();
    output::search::write_text(&mut printed, &results).expect("writing to memory");
    let printed = String::from_utf8(printed).expect("the printer writes UTF-8");
    check_terminal_safe(&printed);
});
