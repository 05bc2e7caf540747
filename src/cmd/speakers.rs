//! `newsdex speakers`: who is quoted, one entry per person or organisation.

use crate::cli::{SpeakerKind, SpeakersArgs};
use crate::output;
use crate::roster::Kind;
use crate::search::Filters;
use crate::search::speakers::SpeakerRequest;

pub(crate) fn run(args: &SpeakersArgs) -> anyhow::Result<u8> {
    let (since, until) = super::period(&args.period)?;
    let request = SpeakerRequest {
        query: args.query.clone(),
        filters: Filters {
            speaker: args.speaker.clone(),
            location: args.location.clone(),
            path: None,
            since,
            until,
            mentions: super::mentions(args.mentions.as_deref())?,
        },
        kind: args.kind.map(|k| match k {
            SpeakerKind::Person => Kind::Person,
            SpeakerKind::Organisation => Kind::Organisation,
        }),
        limit: args.limit,
        offset: args.offset,
    };
    let engine = super::search::open(&args.paths, &args.build)?;
    let results = engine.speakers(&request)?;
    super::print(
        args.format,
        args.color,
        |mut out| output::speakers::write_json(&mut out, &request.query, &results, request.offset),
        |mut out| output::speakers::write_text(&mut out, &results, request.offset),
    )?;
    Ok(if results.speakers.is_empty() {
        super::EXIT_NO_HITS
    } else {
        super::EXIT_OK
    })
}
