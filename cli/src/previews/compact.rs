//! The page's drawings written short: the SVG the chart code writes (one element per mark,
//! each with every attribute spelled out) rewritten so that a browser draws the same pixels
//! from fewer bytes. The first chart's drawing is part of every first load, so its bytes
//! count against the page's budget.
//!
//! Only what cannot change the picture is rewritten: attributes at their initial value are
//! dropped (`opacity="1"`, `stroke="none"`, `text-anchor="start"`, a rectangle's `x="0"`);
//! the text's most common family, size and colour are said once on the root, which the text
//! inherits, and dropped where a text has them; numbers lose digits past the third decimal
//! (`13.000000000000002`); colours such as `#FFFFFF` become `#FFF`; the line breaks around
//! a text's content go, which SVG strips anyway; and runs of lines drawn one after another
//! with the same stroke (grid lines, hatching) become one path of as many pieces, painted in
//! the same order. Anything the rewriter does not read as it expects is left as it was.

/// One attribute, as written.
type Attr<'a> = (&'a str, String);

/// One piece of the document: a start, empty or end tag, or text between tags.
enum Node<'a> {
    /// `<name attrs>` (`empty` for `<name attrs/>`).
    Tag {
        name: &'a str,
        attrs: Vec<Attr<'a>>,
        empty: bool,
    },
    /// `</name>`.
    End(&'a str),
    /// Text between tags, as written (escaped).
    Text(&'a str),
}

/// Attributes the text inherits from the root, said there once when most texts share them.
const INHERITED: [&str; 3] = ["font-family", "font-size", "fill"];

/// Attributes whose values are plain numbers.
const NUMERIC: [&str; 9] = [
    "x",
    "y",
    "width",
    "height",
    "font-size",
    "stroke-width",
    "cx",
    "cy",
    "r",
];

/// `svg` written short (see the module's documentation); `svg` itself when it is not the
/// simple markup the chart code writes.
pub fn compact_svg(svg: &str) -> String {
    parse(svg).map_or_else(|| svg.to_string(), |nodes| write(&nodes))
}

/// The document as nodes, or None if it holds anything but plain tags with double-quoted
/// attributes and text (comments, processing instructions, CDATA, a stray `<`).
fn parse(svg: &str) -> Option<Vec<Node<'_>>> {
    let mut nodes = Vec::new();
    let mut rest = svg;
    while !rest.is_empty() {
        let Some(open) = rest.find('<') else {
            nodes.push(Node::Text(rest));
            break;
        };
        if open > 0 {
            nodes.push(Node::Text(&rest[..open]));
        }
        let close = open + rest[open..].find('>')?;
        let inner = &rest[open + 1..close];
        rest = &rest[close + 1..];
        if let Some(name) = inner.strip_prefix('/') {
            nodes.push(Node::End(plain_name(name.trim_end())?));
            continue;
        }
        let (inner, empty) = match inner.strip_suffix('/') {
            Some(inner) => (inner, true),
            None => (inner, false),
        };
        let name_end = inner
            .find(|c: char| c.is_ascii_whitespace())
            .unwrap_or(inner.len());
        let name = plain_name(&inner[..name_end])?;
        nodes.push(Node::Tag {
            name,
            attrs: parse_attrs(&inner[name_end..])?,
            empty,
        });
    }
    Some(nodes)
}

/// `name` if it is a plain element or attribute name (letters, digits, `-`, `:`).
fn plain_name(name: &str) -> Option<&str> {
    let plain = !name.is_empty()
        && name
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == ':');
    plain.then_some(name)
}

/// `name="value"` pairs separated by white space.
fn parse_attrs(mut s: &str) -> Option<Vec<Attr<'_>>> {
    let mut attrs = Vec::new();
    loop {
        s = s.trim_start();
        if s.is_empty() {
            return Some(attrs);
        }
        let eq = s.find('=')?;
        let name = plain_name(&s[..eq])?;
        let value = s[eq + 1..].strip_prefix('"')?;
        let end = value.find('"')?;
        attrs.push((name, value[..end].to_string()));
        s = &value[end + 1..];
    }
}

/// The value of attribute `name`.
fn get<'v>(attrs: &'v [Attr<'_>], name: &str) -> Option<&'v str> {
    attrs
        .iter()
        .find(|(n, _)| *n == name)
        .map(|(_, v)| v.as_str())
}

/// A number with at most three decimals and no trailing zeros; None if `v` is not one.
fn short_number(v: &str) -> Option<String> {
    let n: f64 = v.parse().ok().filter(|n: &f64| n.is_finite())?;
    let s = format!("{n:.3}");
    let s = s.trim_end_matches('0').trim_end_matches('.');
    Some(if s == "-0" { "0".into() } else { s.into() })
}

/// `#RRGGBB` as `#RGB` where each pair is one digit twice.
fn short_colour(v: &str) -> String {
    let b = v.as_bytes();
    let pairs = b.len() == 7
        && b[0] == b'#'
        && b[1..].iter().all(u8::is_ascii_hexdigit)
        && b[1] == b[2]
        && b[3] == b[4]
        && b[5] == b[6];
    if pairs {
        format!("#{}{}{}", b[1] as char, b[3] as char, b[5] as char)
    } else {
        v.to_string()
    }
}

/// The attributes written short, and without those at their initial value.
fn short_attrs<'a>(name: &str, attrs: &[Attr<'a>]) -> Vec<Attr<'a>> {
    attrs
        .iter()
        .filter(|(n, v)| {
            let initial = matches!(
                (*n, v.as_str()),
                ("opacity", "1") | ("stroke", "none") | ("text-anchor", "start")
            ) || (name == "rect"
                && matches!(*n, "x" | "y")
                && short_number(v).as_deref() == Some("0"));
            !initial
        })
        .map(|(n, v)| {
            let v = if NUMERIC.contains(n) {
                short_number(v).unwrap_or_else(|| v.clone())
            } else if matches!(*n, "fill" | "stroke") {
                short_colour(v)
            } else {
                v.clone()
            };
            (*n, v)
        })
        .collect()
}

/// What the root can say for all texts: each inherited attribute's most common value among
/// them, as written short. `fill` only when every other shape names its own, so that none
/// takes the text's colour.
fn root_defaults<'a>(nodes: &[Node<'a>]) -> Vec<Attr<'a>> {
    let tags = || {
        nodes.iter().filter_map(|n| match n {
            Node::Tag { name, attrs, .. } if *name != "svg" => Some((*name, attrs)),
            _ => None,
        })
    };
    let shapes_fill = tags().all(|(name, attrs)| name == "text" || get(attrs, "fill").is_some());
    let mut defaults = Vec::new();
    for attr in INHERITED {
        if attr == "fill" && !shapes_fill {
            continue;
        }
        let mut counts: Vec<(String, usize)> = Vec::new();
        for (_, attrs) in tags().filter(|(name, _)| *name == "text") {
            let Some(v) = short_attrs("text", attrs)
                .into_iter()
                .find(|(n, _)| *n == attr)
                .map(|(_, v)| v)
            else {
                continue;
            };
            match counts.iter_mut().find(|(c, _)| *c == v) {
                Some((_, n)) => *n += 1,
                None => counts.push((v, 1)),
            }
        }
        // The first of the most common, so the output does not depend on ties' order.
        let best = counts
            .into_iter()
            .fold(None::<(String, usize)>, |best, (v, n)| match best {
                Some((_, m)) if m >= n => best,
                _ => Some((v, n)),
            });
        // Said once, a value two texts share is shorter than said twice.
        if let Some((v, _)) = best.filter(|(_, n)| *n > 1) {
            defaults.push((attr, v));
        }
    }
    defaults
}

/// A polyline's `points` as path data (`Mx y x y …`), or None if they are not number pairs.
fn points_to_path(points: &str) -> Option<String> {
    let mut d = String::from("M");
    for (i, point) in points.split_ascii_whitespace().enumerate() {
        let (x, y) = point.split_once(',')?;
        if i > 0 {
            d.push(' ');
        }
        d.push_str(&short_number(x)?);
        d.push(' ');
        d.push_str(&short_number(y)?);
    }
    (d.len() > 1).then_some(d)
}

/// Writes one tag.
fn write_tag(out: &mut String, name: &str, attrs: &[Attr<'_>], empty: bool) {
    out.push('<');
    out.push_str(name);
    for (n, v) in attrs {
        out.push(' ');
        out.push_str(n);
        out.push_str("=\"");
        out.push_str(v);
        out.push('"');
    }
    out.push_str(if empty { "/>" } else { ">" });
}

/// The nodes written short.
fn write(nodes: &[Node<'_>]) -> String {
    let defaults = root_defaults(nodes);
    let mut out = String::new();
    // The stroke attributes and path data of the lines being gathered into one path.
    let mut lines: Option<(Vec<Attr<'_>>, String)> = None;
    let flush = |out: &mut String, lines: &mut Option<(Vec<Attr<'_>>, String)>| {
        if let Some((mut attrs, d)) = lines.take() {
            attrs.push(("d", d));
            write_tag(out, "path", &attrs, true);
            out.push('\n');
        }
    };
    let mut in_text = false;
    for node in nodes {
        match node {
            Node::Tag {
                name: "polyline",
                attrs,
                empty: true,
            } => {
                let short = short_attrs("polyline", attrs);
                let path = get(&short, "points").and_then(points_to_path);
                if let Some(d) = path {
                    let rest: Vec<Attr<'_>> =
                        short.into_iter().filter(|(n, _)| *n != "points").collect();
                    match &mut lines {
                        Some((attrs, all)) if *attrs == rest => all.push_str(&d),
                        _ => {
                            flush(&mut out, &mut lines);
                            lines = Some((rest, d));
                        }
                    }
                    continue;
                }
                flush(&mut out, &mut lines);
                write_tag(&mut out, "polyline", &short, true);
                out.push('\n');
            }
            Node::Tag { name, attrs, empty } => {
                flush(&mut out, &mut lines);
                let mut short = short_attrs(name, attrs);
                if *name == "svg" {
                    short.extend(defaults.iter().cloned());
                } else if *name == "text" {
                    short.retain(|a| !defaults.contains(a));
                }
                write_tag(&mut out, name, &short, *empty);
                in_text = *name == "text" && !empty;
                if !in_text {
                    out.push('\n');
                }
            }
            Node::End(name) => {
                flush(&mut out, &mut lines);
                out.push_str("</");
                out.push_str(name);
                out.push_str(">\n");
                in_text = false;
            }
            Node::Text(text) if in_text => out.push_str(text.trim_matches(['\n', '\r'])),
            // White space between elements is not drawn.
            Node::Text(text) if text.trim().is_empty() => {}
            Node::Text(text) => {
                flush(&mut out, &mut lines);
                out.push_str(text);
            }
        }
    }
    flush(&mut out, &mut lines);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn initial_values_go_and_the_texts_share_their_font_from_the_root() {
        let svg = "<svg width=\"10\" height=\"10\" xmlns=\"http://www.w3.org/2000/svg\">\n\
            <rect x=\"0\" y=\"0\" width=\"10\" height=\"10\" opacity=\"1\" fill=\"#FFFFFF\" stroke=\"none\"/>\n\
            <text x=\"1\" y=\"2\" text-anchor=\"start\" font-family=\"Arial\" font-size=\"13.000000000000002\" opacity=\"1\" fill=\"#1B1E23\">\nA &amp; B\n</text>\n\
            <text x=\"3\" y=\"4\" text-anchor=\"end\" font-family=\"Arial\" font-size=\"13\" opacity=\"1\" fill=\"#1B1E23\" font-weight=\"bold\">\nC\n</text>\n\
            </svg>\n";
        assert_eq!(
            compact_svg(svg),
            "<svg width=\"10\" height=\"10\" xmlns=\"http://www.w3.org/2000/svg\" \
             font-family=\"Arial\" font-size=\"13\" fill=\"#1B1E23\">\n\
             <rect width=\"10\" height=\"10\" fill=\"#FFF\"/>\n\
             <text x=\"1\" y=\"2\">A &amp; B</text>\n\
             <text x=\"3\" y=\"4\" text-anchor=\"end\" font-weight=\"bold\">C</text>\n\
             </svg>\n"
        );
    }

    #[test]
    fn lines_in_a_row_with_one_stroke_become_one_path_in_their_order() {
        let line = |stroke: &str, points: &str| {
            format!("<polyline fill=\"none\" opacity=\"1\" stroke=\"{stroke}\" stroke-width=\"1\" points=\"{points}\"/>\n")
        };
        let svg = format!(
            "<svg>\n{}{}{}<rect width=\"1\" height=\"1\" fill=\"#000000\"/>\n{}</svg>",
            line("#E3E6EA", "1,2 1,9 "),
            line("#E3E6EA", "5,2 5,9 "),
            line("#6B7280", "1,2 1,9 "),
            line("#6B7280", "0.5,1.25 2,3 4,5 "),
        );
        assert_eq!(
            compact_svg(&svg),
            "<svg>\n\
             <path fill=\"none\" stroke=\"#E3E6EA\" stroke-width=\"1\" d=\"M1 2 1 9M5 2 5 9\"/>\n\
             <path fill=\"none\" stroke=\"#6B7280\" stroke-width=\"1\" d=\"M1 2 1 9\"/>\n\
             <rect width=\"1\" height=\"1\" fill=\"#000\"/>\n\
             <path fill=\"none\" stroke=\"#6B7280\" stroke-width=\"1\" d=\"M0.5 1.25 2 3 4 5\"/>\n\
             </svg>\n"
        );
    }

    #[test]
    fn the_root_names_no_colour_a_shape_without_its_own_would_take() {
        let svg =
            "<svg>\n<text fill=\"#111111\">\na\n</text>\n<text fill=\"#111111\">\nb\n</text>\n\
                   <circle cx=\"1\" cy=\"1\" r=\"1\"/>\n</svg>";
        let short = compact_svg(svg);
        assert!(short.starts_with("<svg>\n"), "{short}");
        assert_eq!(short.matches("fill=\"#111\"").count(), 2, "{short}");
    }

    #[test]
    fn markup_it_does_not_read_is_left_as_it_was() {
        for svg in [
            "<svg><!-- a comment --></svg>",
            "<svg><text x='1'>a</text></svg>",
            "<svg><text>a < b</text></svg>",
            "<svg><?xml-stylesheet href=\"a\"?></svg>",
            "<svg width=\"1\"",
        ] {
            assert_eq!(compact_svg(svg), svg);
        }
    }
}
