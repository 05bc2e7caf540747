//! Whether a new article is a version of an earlier one's story.

use super::sketch::Sketch;

/// Resemblance from which two articles are versions of one story.
const SAME: f32 = 0.5;

/// How strongly `new` is a version of the story `old` belongs to; `None` when it is not the
/// same story.
pub fn likeness(new: &Sketch, old: &Sketch) -> Option<f32> {
    let r = new.resemblance(old);
    (r >= SAME).then_some(r)
}
