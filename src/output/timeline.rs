//! The timeline of a search as a picture: a bar chart of one value per period (articles per day,
//! week, month or year), written as SVG or PNG by the file's extension.
//!
//! The chart is drawn with `plotters`. PNG text is drawn from a bundled font (DejaVu Sans,
//! `data/fonts/`), so a machine without system fonts draws the same picture; SVG names
//! `sans-serif` and leaves the font to the viewer. Periods missing between the first and the
//! last point are drawn as zeros, so the gaps show. An empty series still gives a picture, with
//! its title and "no dated articles" in place of the bars. The file is written whole or not at
//! all (a temporary file beside it, renamed into place).

mod glyphs;

use std::io::Write;
use std::ops::Range;
use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use chrono::{Datelike, Months, NaiveDate};
use plotters::coord::Shift;
use plotters::coord::ranged1d::{DefaultFormatting, KeyPointHint};
use plotters::prelude::*;
use plotters::style::{FontStyle, register_font};

/// One point of a timeline: the first day of its period and its value.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct Point {
    pub start: NaiveDate,
    pub value: f64,
}

/// What to draw.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Picture<'a> {
    /// Drawn on top, e.g. `"interest rates": articles per month`.
    pub title: &'a str,
    /// The name of the values, e.g. `articles` or `articles per 1000`.
    pub y_label: &'a str,
    /// The length of a period: `day`, `week`, `month` or `year`.
    pub interval: &'a str,
    /// One point per period, in any order; a point whose period already has one adds to it.
    /// Values below zero or not finite count as zero.
    pub points: &'a [Point],
}

/// Why a timeline picture could not be written.
#[derive(Debug, thiserror::Error)]
pub(crate) enum Error {
    /// The file name ends in neither `.svg` nor `.png`.
    #[error("timeline picture {}: unknown kind of file (the name must end in .svg or .png)", .0.display())]
    Extension(PathBuf),
    /// The interval is not one of day, week, month, year.
    #[error("timeline picture {}: unknown interval {interval:?} (day, week, month or year)", .path.display())]
    Interval { path: PathBuf, interval: String },
    /// The points span more periods than a picture can show.
    #[error("timeline picture {}: {periods} {interval}s are too many to draw (at most {MAX_PERIODS}); choose a longer interval", .path.display())]
    TooManyPeriods {
        path: PathBuf,
        periods: usize,
        interval: &'static str,
    },
    /// The file could not be written.
    #[error("timeline picture {}: {source}", .path.display())]
    Io {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
    /// The drawing library failed.
    #[error("timeline picture {}: drawing failed: {reason}", .path.display())]
    Draw { path: PathBuf, reason: String },
}

/// The size of the picture, in pixels (SVG: user units).
pub(crate) const SIZE: (u32, u32) = (1000, 500);

/// More bars than this would be thinner than a pixel many times over.
pub(crate) const MAX_PERIODS: usize = 20_000;

const FONT: &str = "sans-serif";
const FONT_BYTES: &[u8] = include_bytes!("../../data/fonts/DejaVuSans.ttf");
const BAR: RGBColor = RGBColor(0x3b, 0x6e, 0xa8);
const GRID: RGBColor = RGBColor(0xe2, 0xe2, 0xe2);
const AXIS: RGBColor = RGBColor(0x55, 0x55, 0x55);
const TEXT: RGBColor = RGBColor(0x22, 0x22, 0x22);
const NO_ARTICLES: &str = "no dated articles";

/// The kinds of file a timeline can be written as.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Format {
    Svg,
    Png,
}

/// Write `picture` to `path`, as SVG or PNG by its extension (`.svg`, `.png`, any case).
pub(crate) fn write(path: &Path, picture: &Picture) -> Result<(), Error> {
    let format = match path
        .extension()
        .and_then(|e| e.to_str())
        .map(str::to_ascii_lowercase)
        .as_deref()
    {
        Some("svg") => Format::Svg,
        Some("png") => Format::Png,
        _ => return Err(Error::Extension(path.to_path_buf())),
    };
    let interval = Interval::parse(picture.interval).ok_or_else(|| Error::Interval {
        path: path.to_path_buf(),
        interval: picture.interval.to_string(),
    })?;
    let series =
        Series::new(picture.points, interval).map_err(|periods| Error::TooManyPeriods {
            path: path.to_path_buf(),
            periods,
            interval: interval.name(),
        })?;
    let draw_error = |reason: String| Error::Draw {
        path: path.to_path_buf(),
        reason,
    };
    register_bundled_font().map_err(draw_error)?;
    let bytes = match format {
        Format::Svg => {
            let mut svg = String::new();
            draw(
                SVGBackend::with_string(&mut svg, SIZE).into_drawing_area(),
                picture,
                &series,
            )
            .map_err(draw_error)?;
            svg.into_bytes()
        }
        Format::Png => {
            let (w, h) = SIZE;
            let mut rgb = vec![0u8; w as usize * h as usize * 3];
            let font = bundled_font().map_err(draw_error)?;
            let backend = glyphs::Pixels {
                inner: BitMapBackend::with_buffer(&mut rgb, SIZE),
                font,
            };
            draw(backend.into_drawing_area(), picture, &series).map_err(draw_error)?;
            encode_png(&rgb, SIZE).map_err(|e| draw_error(e.to_string()))?
        }
    };
    write_atomically(path, &bytes).map_err(|source| Error::Io {
        path: path.to_path_buf(),
        source,
    })
}

/// The bundled font, for drawing PNG text.
fn bundled_font() -> Result<&'static ab_glyph::FontRef<'static>, String> {
    static FONT_REF: OnceLock<Option<ab_glyph::FontRef<'static>>> = OnceLock::new();
    FONT_REF
        .get_or_init(|| ab_glyph::FontRef::try_from_slice(FONT_BYTES).ok())
        .as_ref()
        .ok_or_else(|| "the bundled font cannot be read".to_string())
}

/// Make the bundled font the one `plotters` measures (and SVG names) `sans-serif` with, once
/// per process.
fn register_bundled_font() -> Result<(), String> {
    static REGISTERED: OnceLock<bool> = OnceLock::new();
    let ok = *REGISTERED.get_or_init(|| register_font(FONT, FontStyle::Normal, FONT_BYTES).is_ok());
    if ok {
        Ok(())
    } else {
        Err("the bundled font cannot be read".to_string())
    }
}

/// The length of a period.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Interval {
    Day,
    Week,
    Month,
    Year,
}

impl Interval {
    fn parse(name: &str) -> Option<Self> {
        match name {
            "day" => Some(Self::Day),
            "week" => Some(Self::Week),
            "month" => Some(Self::Month),
            "year" => Some(Self::Year),
            _ => None,
        }
    }

    fn name(self) -> &'static str {
        match self {
            Self::Day => "day",
            Self::Week => "week",
            Self::Month => "month",
            Self::Year => "year",
        }
    }

    /// How many periods `day` lies after the period that starts on `first`.
    fn periods_between(self, first: NaiveDate, day: NaiveDate) -> i64 {
        let days = (day - first).num_days();
        let months = |d: NaiveDate| i64::from(d.year()) * 12 + i64::from(d.month0());
        match self {
            Self::Day => days,
            Self::Week => days.div_euclid(7),
            Self::Month => months(day) - months(first),
            Self::Year => i64::from(day.year() - first.year()),
        }
    }

    /// The first day of the period `n` periods after the one that starts on `first`.
    fn nth_start(self, first: NaiveDate, n: usize) -> Option<NaiveDate> {
        let n32 = u32::try_from(n).ok()?;
        match self {
            Self::Day => first.checked_add_days(chrono::Days::new(n as u64)),
            Self::Week => first.checked_add_days(chrono::Days::new(n as u64 * 7)),
            Self::Month => first.checked_add_months(Months::new(n32)),
            Self::Year => first.checked_add_months(Months::new(n32.checked_mul(12)?)),
        }
    }
}

/// The periods from the first point's to the last point's, each with its value.
struct Series {
    interval: Interval,
    starts: Vec<NaiveDate>,
    values: Vec<f64>,
}

impl Series {
    /// Err holds the number of periods when there are more than [`MAX_PERIODS`].
    fn new(points: &[Point], interval: Interval) -> Result<Self, usize> {
        let Some(first) = points.iter().map(|p| p.start).min() else {
            return Ok(Self {
                interval,
                starts: Vec::new(),
                values: Vec::new(),
            });
        };
        let last = points.iter().map(|p| p.start).max().unwrap_or(first);
        let span = interval.periods_between(first, last);
        let periods = usize::try_from(span).map_or(usize::MAX, |s| s.saturating_add(1));
        if periods > MAX_PERIODS {
            return Err(periods);
        }
        let mut values = vec![0.0; periods];
        for p in points {
            let slot = interval.periods_between(first, p.start) as usize;
            // Counts and rates are never below zero; the value axis starts there.
            if p.value.is_finite() && p.value > 0.0 {
                values[slot] += p.value;
            }
        }
        let starts = (0..periods)
            .map(|n| interval.nth_start(first, n).unwrap_or(NaiveDate::MAX))
            .collect();
        Ok(Self {
            interval,
            starts,
            values,
        })
    }
}

/// Draw the whole picture on `root`; errors come back as text.
fn draw<DB: DrawingBackend>(
    root: DrawingArea<DB, Shift>,
    picture: &Picture,
    series: &Series,
) -> Result<(), String> {
    let err = |e: DrawingAreaErrorKind<DB::ErrorType>| e.to_string();
    root.fill(&WHITE).map_err(err)?;
    // plotters draws text at 1/1.24 of the size it is given: these are about 24, 15 and 16 px.
    let title_style = (FONT, 30).into_font().color(&TEXT);
    let root = root.margin(12, 0, 0, 0);
    let title = fitted_title(picture.title);
    let root = root
        .titled(&title, title_style)
        .map_err(err)?
        .margin(8, 16, 8, 24);
    if series.values.is_empty() {
        let (w, h) = root.dim_in_pixel();
        let style =
            (FONT, 22)
                .into_font()
                .color(&AXIS)
                .pos(plotters::style::text_anchor::Pos::new(
                    plotters::style::text_anchor::HPos::Center,
                    plotters::style::text_anchor::VPos::Center,
                ));
        root.draw_text(NO_ARTICLES, &style, (w as i32 / 2, h as i32 / 2))
            .map_err(err)?;
        return root.present().map_err(err);
    }

    let n = series.values.len();
    let top = nice_top(series.values.iter().copied().fold(0.0, f64::max));
    let ticks = date_ticks(&series.starts, series.interval, n);
    let x_coord = Periods {
        count: n,
        ticks: ticks.iter().map(|t| t.0 as f64).collect(),
    };
    let mut chart = ChartBuilder::on(&root)
        .x_label_area_size(36)
        .y_label_area_size(72)
        .build_cartesian_2d(x_coord, 0.0..top)
        .map_err(err)?;

    let label_of = |x: &f64| {
        let i = x.round() as usize;
        ticks
            .iter()
            .find(|t| t.0 == i)
            .map(|t| t.1.clone())
            .unwrap_or_default()
    };
    let y_label = |y: &f64| number(*y);
    chart
        .configure_mesh()
        .disable_x_mesh()
        .y_max_light_lines(0)
        .bold_line_style(GRID)
        .axis_style(AXIS)
        .y_labels(6)
        .x_label_formatter(&label_of)
        .y_label_formatter(&y_label)
        .label_style((FONT, 18).into_font().color(&TEXT))
        .y_desc(picture.y_label)
        .axis_desc_style((FONT, 20).into_font().color(&TEXT))
        .draw()
        .map_err(err)?;

    // Gaps between bars while they are wide enough for a gap to show; past that, bars that
    // overlap a little, as touching ones leave seams where pixels round apart.
    let half = if n > 120 { 0.55 } else { 0.4 };
    chart
        .draw_series(series.values.iter().enumerate().map(|(i, &v)| {
            let x = i as f64;
            Rectangle::new([(x - half, 0.0), (x + half, v)], BAR.filled())
        }))
        .map_err(err)?;
    root.present().map_err(err)
}

/// The date axis: period `i` is centred on `i`, each a unit wide, and the labels fall on the
/// periods chosen by [`date_ticks`] (plotters' own would fall between periods). A short series
/// sits in the middle.
struct Periods {
    count: usize,
    ticks: Vec<f64>,
}

impl Ranged for Periods {
    type FormatOption = DefaultFormatting;
    type ValueType = f64;

    fn map(&self, value: &f64, (from, to): (i32, i32)) -> i32 {
        let range = self.range();
        let share = (value - range.start) / (range.end - range.start);
        from + (share * f64::from(to - from)).round() as i32
    }

    fn key_points<Hint: KeyPointHint>(&self, _hint: Hint) -> Vec<f64> {
        self.ticks.clone()
    }

    fn range(&self) -> Range<f64> {
        // Room for at least this many periods, so that a few bars are not each as wide as a
        // third of the picture.
        const FEWEST: usize = 12;
        let pad = FEWEST.saturating_sub(self.count) as f64 / 2.0;
        -0.5 - pad..self.count as f64 - 0.5 + pad
    }
}

/// The title without control characters, cut short with `…` where it would not fit the width.
fn fitted_title(title: &str) -> String {
    // DejaVu Sans at the title's size averages under 13 px a character.
    const MOST: usize = 72;
    let clean: String = title.chars().filter(|c| !c.is_control()).collect();
    if clean.chars().count() <= MOST {
        return clean;
    }
    let mut cut: String = clean.chars().take(MOST - 1).collect();
    cut.push('…');
    cut
}

/// The top of the value axis: a little above the largest value, 1 when all are 0.
fn nice_top(max: f64) -> f64 {
    if max <= 0.0 || !max.is_finite() {
        return 1.0;
    }
    let wanted = max * 1.05;
    let magnitude = 10f64.powf(wanted.log10().floor());
    [1.0, 1.2, 1.5, 2.0, 2.5, 3.0, 4.0, 5.0, 6.0, 8.0, 10.0]
        .iter()
        .map(|m| m * magnitude)
        .find(|&top| top >= wanted)
        .unwrap_or(wanted)
}

/// A value-axis label: no decimals when whole, else at most three significant ones.
fn number(y: f64) -> String {
    if (y - y.round()).abs() < 1e-9 {
        return format!("{}", y.round() as i64);
    }
    let text = format!("{y:.3}");
    text.trim_end_matches('0').trim_end_matches('.').to_string()
}

/// The periods to label on the date axis and their labels: the finest calendar rule that gives
/// no more labels than fit, the year written on the first label and wherever it changes.
fn date_ticks(starts: &[NaiveDate], interval: Interval, n: usize) -> Vec<(usize, String)> {
    // About 80 pixels per label over the plot's width.
    let fit = ((SIZE.0 as usize - 140) / 80).max(2);
    let rules = calendar_rules(interval);
    for rule in &rules {
        let picked = rule.picks(starts);
        if picked.len() <= fit && !picked.is_empty() {
            let mut last_year = None;
            return picked
                .into_iter()
                .map(|i| {
                    let d = starts[i];
                    let with_year = last_year != Some(d.year());
                    last_year = Some(d.year());
                    (i, rule.short.label(d, with_year))
                })
                .collect();
        }
    }
    // The coarse end of every interval: the first period of each year, of every 2, 5, 10... years.
    for step in [1, 2, 5, 10, 20, 50, 100, 200, 500, 1000] {
        let picked: Vec<(usize, String)> = starts
            .iter()
            .enumerate()
            .filter(|&(i, d)| {
                let new_year = i == 0 || starts[i - 1].year() != d.year();
                new_year && d.year().rem_euclid(step) == 0
            })
            .map(|(i, d)| (i, d.format("%Y").to_string()))
            .collect();
        if picked.is_empty() {
            break;
        }
        if picked.len() <= fit {
            return picked;
        }
    }
    // Nothing calendar-aligned fits (or none falls in the span): the first period, then evenly.
    let step = n.div_ceil(fit).max(1);
    let mut last_year = None;
    (0..n)
        .step_by(step)
        .map(|i| {
            let d = starts[i];
            let with_year = last_year != Some(d.year());
            last_year = Some(d.year());
            let short = match interval {
                Interval::Day | Interval::Week => Short::DayMonth,
                Interval::Month => Short::Month,
                Interval::Year => Short::Year,
            };
            (i, short.label(d, with_year))
        })
        .collect()
}

/// The calendar rules for labelling periods of `interval`, finest first (none for years,
/// which the coarse end labels).
fn calendar_rules(interval: Interval) -> Vec<Rule> {
    match interval {
        Interval::Day => vec![
            Rule::every(1, Short::DayMonth),
            Rule::every(2, Short::DayMonth),
            Rule::every(7, Short::DayMonth),
            Rule::every(14, Short::DayMonth),
            Rule::on(|d| d.day() == 1, Short::Month),
            Rule::on(|d| d.day() == 1 && d.month0() % 2 == 0, Short::Month),
            Rule::on(|d| d.day() == 1 && d.month0() % 3 == 0, Short::Month),
            Rule::on(|d| d.day() == 1 && d.month0() % 6 == 0, Short::Month),
        ],
        Interval::Week => vec![
            Rule::every(1, Short::DayMonth),
            Rule::every(2, Short::DayMonth),
            Rule::every(4, Short::DayMonth),
            Rule::on(|d| d.day() <= 7, Short::Month),
            Rule::on(|d| d.day() <= 7 && d.month0() % 2 == 0, Short::Month),
            Rule::on(|d| d.day() <= 7 && d.month0() % 3 == 0, Short::Month),
            Rule::on(|d| d.day() <= 7 && d.month0() % 6 == 0, Short::Month),
        ],
        Interval::Month => vec![
            Rule::on(|_| true, Short::Month),
            Rule::on(|d| d.month0() % 2 == 0, Short::Month),
            Rule::on(|d| d.month0() % 3 == 0, Short::Month),
            Rule::on(|d| d.month0() % 6 == 0, Short::Month),
        ],
        Interval::Year => vec![],
    }
}

/// How a date-axis label is written.
#[derive(Clone, Copy)]
enum Short {
    /// `3 Mar` (`3 Mar 2025` with the year).
    DayMonth,
    /// `Mar` (`Mar 2025` with the year).
    Month,
    /// `2025`.
    Year,
}

impl Short {
    fn label(self, d: NaiveDate, with_year: bool) -> String {
        let format = match (self, with_year) {
            (Self::DayMonth, false) => "%-d %b",
            (Self::DayMonth, true) => "%-d %b %Y",
            (Self::Month, false) => "%b",
            (Self::Month, true) => "%b %Y",
            (Self::Year, _) => "%Y",
        };
        d.format(format).to_string()
    }
}

/// Which periods get a label.
struct Rule {
    pick: Pick,
    short: Short,
}

enum Pick {
    /// Every `n`th period from the first.
    Every(usize),
    /// The periods whose first day passes the test.
    On(fn(&NaiveDate) -> bool),
}

impl Rule {
    fn every(n: usize, short: Short) -> Self {
        Self {
            pick: Pick::Every(n),
            short,
        }
    }

    fn on(test: fn(&NaiveDate) -> bool, short: Short) -> Self {
        Self {
            pick: Pick::On(test),
            short,
        }
    }

    fn picks(&self, starts: &[NaiveDate]) -> Vec<usize> {
        match self.pick {
            Pick::Every(n) => (0..starts.len()).step_by(n).collect(),
            Pick::On(test) => (0..starts.len()).filter(|&i| test(&starts[i])).collect(),
        }
    }
}

/// Encode an RGB buffer as PNG.
fn encode_png(rgb: &[u8], (w, h): (u32, u32)) -> Result<Vec<u8>, png::EncodingError> {
    let mut bytes = Vec::new();
    let mut encoder = png::Encoder::new(&mut bytes, w, h);
    encoder.set_color(png::ColorType::Rgb);
    encoder.set_depth(png::BitDepth::Eight);
    let mut writer = encoder.write_header()?;
    writer.write_image_data(rgb)?;
    writer.finish()?;
    Ok(bytes)
}

/// Write `bytes` to a temporary file beside `path`, then rename it to `path`.
fn write_atomically(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    let dir = match path.parent() {
        Some(dir) if !dir.as_os_str().is_empty() => dir,
        _ => Path::new("."),
    };
    let mut builder = tempfile::Builder::new();
    builder.prefix(".newsdex-timeline").suffix(".tmp");
    // A picture is for others to see: the usual mode of a new file (less the umask), not the
    // owner-only mode of a temporary file.
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        builder.permissions(std::fs::Permissions::from_mode(0o666));
    }
    let mut file = builder.tempfile_in(dir)?;
    file.write_all(bytes)?;
    file.flush()?;
    file.as_file().sync_all()?;
    file.persist(path).map_err(|e| e.error)?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
    }

    fn months(from: &str, values: &[f64]) -> Vec<Point> {
        let first = day(from);
        values
            .iter()
            .enumerate()
            .map(|(i, &value)| Point {
                start: first + Months::new(i as u32),
                value,
            })
            .collect()
    }

    /// The texts of an SVG's `<text>` elements.
    fn texts(svg: &str) -> Vec<&str> {
        svg.split("<text")
            .skip(1)
            .filter_map(|t| Some(t.split_once('>')?.1.split_once("</text>")?.0.trim()))
            .collect()
    }

    fn picture<'a>(points: &'a [Point], interval: &'a str) -> Picture<'a> {
        Picture {
            title: "\"interest rates\": articles per month",
            y_label: "articles per 1000",
            interval,
            points,
        }
    }

    #[test]
    fn svg_has_the_title_the_axis_name_and_a_bar_per_period() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("rates.svg");
        let points = months("2024-01-01", &[3.0, 0.0, 7.5, 12.0, 1.0]);
        write(&path, &picture(&points, "month")).unwrap();
        let svg = std::fs::read_to_string(&path).unwrap();
        assert!(svg.starts_with("<svg"), "{}", &svg[..100]);
        assert!(svg.trim_end().ends_with("</svg>"));
        let texts = texts(&svg);
        assert_eq!(texts[0], "&quot;interest rates&quot;: articles per month");
        assert!(
            texts.contains(&"articles per 1000"),
            "no y label: {texts:?}"
        );
        for label in ["Jan 2024", "Feb", "May", "0", "15"] {
            assert!(texts.contains(&label), "no label {label}: {texts:?}");
        }
        let bar = format!("fill=\"#{:02X}{:02X}{:02X}\"", BAR.0, BAR.1, BAR.2);
        assert_eq!(
            svg.matches(&bar).count(),
            5,
            "one bar per month, the zero one too"
        );
        // Only the picture is left in the folder: the temporary file was renamed.
        assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 1);
    }

    #[test]
    fn png_decodes_to_a_picture_of_the_size_with_bars_drawn() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("rates.PNG");
        let points = months("2023-11-01", &[5.0, 0.0, 2.0, 9.0, 4.0, 0.0, 1.0]);
        write(&path, &picture(&points, "month")).unwrap();
        let bytes = std::fs::read(&path).unwrap();
        assert!(bytes.starts_with(b"\x89PNG\r\n\x1a\n"));
        let decoder = png::Decoder::new(std::io::Cursor::new(bytes));
        let mut reader = decoder.read_info().unwrap();
        let mut pixels = vec![0; reader.output_buffer_size().unwrap()];
        let frame = reader.next_frame(&mut pixels).unwrap();
        assert_eq!((frame.width, frame.height), SIZE);
        let rgb = &pixels[..frame.buffer_size()];
        let count = |c: RGBColor| rgb.chunks(3).filter(|p| p == &[c.0, c.1, c.2]).count();
        assert!(count(BAR) > 10_000, "bars: {} pixels", count(BAR));
        // Text is drawn from the bundled font: dark pixels other than the axis lines.
        let dark = rgb
            .chunks(3)
            .filter(|p| p.iter().all(|&c| c < 0x60))
            .count();
        assert!(dark > 2_000, "text: {dark} dark pixels");
    }

    /// Pictures to look at: `NEWSDEX_TIMELINE_DEMO=/tmp/dir cargo test timeline::tests::demo`.
    #[test]
    fn demo() {
        let Some(dir) = std::env::var_os("NEWSDEX_TIMELINE_DEMO") else {
            return;
        };
        let dir = PathBuf::from(dir);
        let monthly = months(
            "2023-06-01",
            &[
                3.0, 8.0, 0.0, 12.0, 40.0, 22.0, 17.0, 9.0, 0.0, 2.0, 5.0, 31.0, 28.0, 6.0, 1.0,
                0.0, 4.0, 14.0,
            ],
        );
        let daily: Vec<Point> = (0..200)
            .map(|i| Point {
                start: day("2025-01-01") + chrono::Days::new(i),
                value: ((i * 37 % 23) as f64 * (1.0 + (i as f64 / 30.0).sin())).max(0.0),
            })
            .collect();
        let weekly: Vec<Point> = (0..70)
            .map(|i| Point {
                start: day("2024-01-01") + chrono::Days::new(7 * i),
                value: (i % 9) as f64 * 0.37,
            })
            .collect();
        let yearly = [
            Point {
                start: day("2019-01-01"),
                value: 120.0,
            },
            Point {
                start: day("2025-01-01"),
                value: 300.0,
            },
        ];
        let one = [Point {
            start: day("2025-02-27"),
            value: 4.0,
        }];
        let cases: [(&str, &str, &[Point]); 6] = [
            ("monthly", "month", &monthly),
            ("daily", "day", &daily),
            ("weekly", "week", &weekly),
            ("yearly", "year", &yearly),
            ("one", "day", &one),
            ("empty", "month", &[]),
        ];
        for (name, interval, points) in cases {
            for ext in ["svg", "png"] {
                let path = dir.join(format!("{name}.{ext}"));
                write(&path, &picture(points, interval)).unwrap();
            }
        }
    }

    #[test]
    fn a_bad_extension_is_an_error_naming_the_file() {
        let dir = tempfile::tempdir().unwrap();
        for name in ["rates.jpg", "rates"] {
            let path = dir.path().join(name);
            let points = months("2024-01-01", &[1.0]);
            let e = write(&path, &picture(&points, "month")).unwrap_err();
            let text = e.to_string();
            assert!(text.contains(&path.display().to_string()), "{text}");
            assert!(text.contains(".svg") && text.contains(".png"), "{text}");
        }
        assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 0);
    }

    #[test]
    fn an_unknown_interval_is_an_error() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("t.svg");
        let e = write(&path, &picture(&[], "fortnight")).unwrap_err();
        assert!(e.to_string().contains("\"fortnight\""), "{e}");
        assert!(!path.exists());
    }

    #[test]
    fn an_empty_series_says_there_are_no_dated_articles() {
        let dir = tempfile::tempdir().unwrap();
        let svg_path = dir.path().join("none.svg");
        write(&svg_path, &picture(&[], "month")).unwrap();
        let svg = std::fs::read_to_string(&svg_path).unwrap();
        assert_eq!(texts(&svg)[1..], [NO_ARTICLES]);
        let png_path = dir.path().join("none.png");
        write(&png_path, &picture(&[], "day")).unwrap();
        assert!(std::fs::read(&png_path).unwrap().starts_with(b"\x89PNG"));
    }

    #[test]
    fn a_single_point_draws_one_bar() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("one.svg");
        let points = [Point {
            start: day("2025-02-27"),
            value: 4.0,
        }];
        write(&path, &picture(&points, "day")).unwrap();
        let svg = std::fs::read_to_string(&path).unwrap();
        assert!(texts(&svg).contains(&"27 Feb 2025"), "no date label");
        let bar = format!("fill=\"#{:02X}{:02X}{:02X}\"", BAR.0, BAR.1, BAR.2);
        assert_eq!(svg.matches(&bar).count(), 1);
    }

    #[test]
    fn missing_periods_are_drawn_as_zeros() {
        let points = [
            Point {
                start: day("2025-03-03"),
                value: 2.0,
            },
            Point {
                start: day("2025-03-24"),
                value: 5.0,
            },
        ];
        let series = Series::new(&points, Interval::Week).unwrap();
        assert_eq!(series.values, [2.0, 0.0, 0.0, 5.0]);
        assert_eq!(series.starts[1], day("2025-03-10"));
        let years = [Point {
            start: day("1900-01-01"),
            value: 1.0,
        }];
        let many = [
            years[0],
            Point {
                start: day("2025-01-01"),
                value: 1.0,
            },
        ];
        assert_eq!(
            Series::new(&many, Interval::Year).unwrap().values.len(),
            126
        );
        assert!(Series::new(&many, Interval::Day).is_err());
    }

    #[test]
    fn too_many_periods_is_an_error_and_leaves_no_file() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("t.png");
        let points = [
            Point {
                start: day("1900-01-01"),
                value: 1.0,
            },
            Point {
                start: day("2025-01-01"),
                value: 1.0,
            },
        ];
        let e = write(&path, &picture(&points, "day")).unwrap_err();
        assert!(e.to_string().contains("longer interval"), "{e}");
        assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 0);
    }

    #[test]
    fn date_labels_follow_the_calendar_and_fit() {
        let labels = |starts: &[NaiveDate], interval| -> Vec<String> {
            date_ticks(starts, interval, starts.len())
                .into_iter()
                .map(|t| t.1)
                .collect()
        };
        let monthly: Vec<NaiveDate> = (0..6).map(|i| day("2024-11-01") + Months::new(i)).collect();
        assert_eq!(
            labels(&monthly, Interval::Month),
            ["Nov 2024", "Dec", "Jan 2025", "Feb", "Mar", "Apr"]
        );
        let years: Vec<NaiveDate> = (0..60)
            .map(|i| day("2020-01-01") + Months::new(i))
            .collect();
        let expected: Vec<String> = (2020..2025)
            .flat_map(|y| [format!("Jan {y}"), "Jul".to_string()])
            .collect();
        assert_eq!(labels(&years, Interval::Month), expected);
        let decades: Vec<NaiveDate> = (0..240)
            .map(|i| day("2000-01-01") + Months::new(i))
            .collect();
        let decade_labels = labels(&decades, Interval::Month);
        assert!(decade_labels.len() <= 10, "{decade_labels:?}");
        assert!(
            decade_labels.iter().all(|l| l.len() == 4),
            "{decade_labels:?}"
        );
        let daily: Vec<NaiveDate> = (0..90)
            .map(|i| day("2025-01-01") + chrono::Days::new(i))
            .collect();
        assert_eq!(
            labels(&daily, Interval::Day),
            [
                "1 Jan 2025",
                "15 Jan",
                "29 Jan",
                "12 Feb",
                "26 Feb",
                "12 Mar",
                "26 Mar"
            ]
        );
        let weekly: Vec<NaiveDate> = (0..52)
            .map(|i| day("2024-12-30") + chrono::Days::new(7 * i))
            .collect();
        assert_eq!(
            labels(&weekly, Interval::Week),
            ["Jan 2025", "Mar", "May", "Jul", "Sep", "Nov"]
        );
    }

    #[test]
    fn a_picture_replaces_an_old_one_and_a_missing_folder_is_an_error() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("t.svg");
        std::fs::write(&path, "old").unwrap();
        let points = months("2024-01-01", &[1.0, 2.0]);
        write(&path, &picture(&points, "month")).unwrap();
        assert!(std::fs::read_to_string(&path).unwrap().starts_with("<svg"));
        let missing = dir.path().join("no such folder").join("t.png");
        let e = write(&missing, &picture(&points, "month")).unwrap_err();
        assert!(matches!(e, Error::Io { .. }), "{e}");
        assert!(e.to_string().contains("no such folder"), "{e}");
        assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 1);
    }

    #[test]
    fn a_long_title_is_cut_to_fit() {
        let long = "word ".repeat(40);
        let fitted = fitted_title(&long);
        assert_eq!(fitted.chars().count(), 72);
        assert!(fitted.ends_with('…'));
        assert_eq!(fitted_title("a\u{7}b\nc"), "abc");
        assert_eq!(fitted_title("rates"), "rates");
    }

    #[test]
    fn value_labels_and_axis_top() {
        assert_eq!(number(40.0), "40");
        assert_eq!(number(0.25), "0.25");
        assert_eq!(number(1.0 / 3.0), "0.333");
        assert_eq!(nice_top(0.0), 1.0);
        assert_eq!(nice_top(9.0), 10.0);
        assert_eq!(nice_top(95.0), 100.0);
        assert_eq!(nice_top(12.0), 15.0);
    }
}
