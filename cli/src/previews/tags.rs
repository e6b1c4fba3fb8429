//! A reader of start tags for the tests: they check the attributes of the pages the build
//! writes. The build itself never parses HTML; it writes each page once from a value.

/// One HTML start tag: its name and what it holds. Attribute values are kept as written
/// (escaped HTML).
#[derive(Debug, Clone, PartialEq)]
pub(super) struct Tag {
    pub(super) name: String,
    /// Name (lower case) and value as written; `None` for a bare attribute.
    pub(super) attrs: Vec<(String, Option<String>)>,
    pub(super) self_closing: bool,
}

impl Tag {
    pub(super) fn attr(&self, name: &str) -> Option<&str> {
        self.attrs
            .iter()
            .find(|(n, _)| n == name)
            .map(|(_, v)| v.as_deref().unwrap_or(""))
    }
}

/// A path relative to the page's folder: not empty, not a fragment, query or absolute path,
/// and no scheme (`data:`, `https:`).
pub(super) fn is_relative_path(v: &str) -> bool {
    let first = v.chars().next();
    if matches!(first, None | Some('#' | '/' | '?')) {
        return false;
    }
    let scheme_end = v.find(|c: char| !(c.is_ascii_alphanumeric() || "+-.".contains(c)));
    !matches!(scheme_end.map(|i| &v[i..i + 1]), Some(":"))
}

/// Every start tag in `html`, skipping comments, the doctype and end tags.
pub(super) fn start_tags(html: &str) -> Vec<Tag> {
    let mut tags = Vec::new();
    let mut at = 0;
    while let Some(i) = html[at..].find('<') {
        let start = at + i;
        let rest = &html[start..];
        if rest.starts_with("<!--") {
            at = rest.find("-->").map_or(html.len(), |e| start + e + 3);
            continue;
        }
        match parse_tag(html, start) {
            Some((tag, end)) => {
                at = end;
                tags.push(tag);
            }
            None => at = start + 1,
        }
    }
    tags
}

/// The start tag at `start` in `html`, and the byte after it; `None` if there is none there.
fn parse_tag(html: &str, start: usize) -> Option<(Tag, usize)> {
    let bytes = html.as_bytes();
    let mut i = start + 1;
    if !bytes.get(i)?.is_ascii_alphabetic() {
        return None;
    }
    let name_start = i;
    while i < bytes.len() && (bytes[i].is_ascii_alphanumeric() || bytes[i] == b'-') {
        i += 1;
    }
    let name = html[name_start..i].to_ascii_lowercase();
    let mut attrs = Vec::new();
    let mut self_closing = false;
    loop {
        while i < bytes.len() && bytes[i].is_ascii_whitespace() {
            i += 1;
        }
        match bytes.get(i)? {
            b'>' => {
                i += 1;
                break;
            }
            b'/' => {
                self_closing = bytes.get(i + 1) == Some(&b'>');
                i += 1;
                continue;
            }
            _ => {}
        }
        let attr_start = i;
        while i < bytes.len() && !bytes[i].is_ascii_whitespace() && !b"=>/".contains(&bytes[i]) {
            i += 1;
        }
        let attr = html[attr_start..i].to_ascii_lowercase();
        if attr.is_empty() {
            i += 1;
            continue;
        }
        let mut value = None;
        if bytes.get(i) == Some(&b'=') {
            i += 1;
            match bytes.get(i)? {
                q @ (b'"' | b'\'') => {
                    let close = html[i + 1..].find(*q as char)? + i + 1;
                    value = Some(html[i + 1..close].to_string());
                    i = close + 1;
                }
                _ => {
                    let v_start = i;
                    while i < bytes.len() && !bytes[i].is_ascii_whitespace() && bytes[i] != b'>' {
                        i += 1;
                    }
                    value = Some(html[v_start..i].to_string());
                }
            }
        }
        attrs.push((attr, value));
    }
    Some((
        Tag {
            name,
            attrs,
            self_closing,
        },
        i,
    ))
}
