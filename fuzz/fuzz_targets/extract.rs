//! The extractor on arbitrary cleaned articles: speakers, quotes, places, dates.
//!
//! Input: `title\0body\0published\0date line\0url\0links separated by spaces`.
#![no_main]

use libfuzzer_sys::fuzz_target;
use newsdex::extract::{self, Input};
use newsdex_fuzz::{optional, parts};

fuzz_target!(|data: &[u8]| {
    let [title, body, published, date_line, url, links] = parts::<6>(data);
    let links: Vec<String> = links.split_whitespace().map(str::to_string).collect();
    let found = extract::extract(&Input {
        title: &title,
        body: &body,
        published: optional(&published),
        date_line: optional(&date_line),
        url: optional(&url),
        links: &links,
    });
    // A quote's range points at its text in the body.
    for quote in &found.entities.quotes {
        assert_eq!(
            body.get(quote.start..quote.end),
            Some(quote.text.as_str()),
            "{quote:?}"
        );
    }
});
