//! The only way the HTML report writes markup: an escaping builder.
//!
//! Tag and attribute names are `&'static str`, so data can never become one; every attribute
//! value and every text is escaped; unescaped text is accepted only as `&'static str` (the page's
//! own CSS and JS constants), so no string read from a file or a document can reach markup, an
//! attribute or a script unescaped.

/// Elements HTML defines without a closing tag.
const VOID: [&str; 5] = ["br", "hr", "input", "meta", "wbr"];

#[derive(Debug, Default)]
pub struct Html {
    buf: String,
    open: Vec<&'static str>,
}

impl Html {
    pub fn new() -> Html {
        Html {
            buf: String::from("<!DOCTYPE html>\n"),
            open: Vec::new(),
        }
    }

    /// Opens `tag` with the given attributes; close it with [`Html::close`].
    pub fn open(&mut self, tag: &'static str, attrs: &[(&'static str, &str)]) -> &mut Self {
        self.start_tag(tag, attrs);
        if !VOID.contains(&tag) {
            self.open.push(tag);
        }
        self
    }

    /// Closes the innermost open element.
    pub fn close(&mut self) -> &mut Self {
        if let Some(tag) = self.open.pop() {
            self.buf.push_str("</");
            self.buf.push_str(tag);
            self.buf.push('>');
        }
        self
    }

    /// A whole element holding only text.
    pub fn elem(
        &mut self,
        tag: &'static str,
        attrs: &[(&'static str, &str)],
        text: &str,
    ) -> &mut Self {
        self.open(tag, attrs).text(text).close()
    }

    /// Escaped text.
    pub fn text(&mut self, text: &str) -> &mut Self {
        escape_into(&mut self.buf, text);
        self
    }

    /// A line break in the source, for readability of the file only.
    pub fn newline(&mut self) -> &mut Self {
        self.buf.push('\n');
        self
    }

    /// The page's own constant CSS or JS, unescaped (a `<style>` or `<script>` holds raw text).
    /// Only `'static` strings: the report's data never takes this path.
    pub fn raw_static(&mut self, constant: &'static str) -> &mut Self {
        self.buf.push_str(constant);
        self
    }

    /// The page; closes whatever is still open.
    pub fn finish(mut self) -> String {
        while !self.open.is_empty() {
            self.close();
        }
        self.buf.push('\n');
        self.buf
    }

    fn start_tag(&mut self, tag: &'static str, attrs: &[(&'static str, &str)]) {
        self.buf.push('<');
        self.buf.push_str(tag);
        for (name, value) in attrs {
            self.buf.push(' ');
            self.buf.push_str(name);
            self.buf.push_str("=\"");
            escape_into(&mut self.buf, value);
            self.buf.push('"');
        }
        self.buf.push('>');
    }
}

/// Escapes the five characters that can end a text or an attribute value or start markup, so
/// the same escaping is safe in text and in quoted attributes.
pub fn escape_into(buf: &mut String, text: &str) {
    for c in text.chars() {
        match c {
            '&' => buf.push_str("&amp;"),
            '<' => buf.push_str("&lt;"),
            '>' => buf.push_str("&gt;"),
            '"' => buf.push_str("&quot;"),
            '\'' => buf.push_str("&#39;"),
            // NUL and other C0 controls are parse errors in HTML; show a replacement instead.
            c if c.is_control() && !matches!(c, '\n' | '\r' | '\t') => buf.push('\u{FFFD}'),
            c => buf.push(c),
        }
    }
}

/// A `file://` URL for an absolute path, percent-encoding everything but unreserved characters
/// and `/`, or `None` for a relative path (its base, the run's working folder, is unknown).
///
/// Windows paths (`C:\x`, `\\server\share\x`) from reports made on Windows machines are
/// understood too.
pub fn file_url(path: &str) -> Option<String> {
    let (host, rest) = if let Some(unc) = path.strip_prefix("\\\\") {
        let unc = unc.replace('\\', "/");
        let (server, rest) = unc.split_once('/')?;
        (server.to_string(), format!("/{rest}"))
    } else if path.len() >= 3
        && path.as_bytes()[0].is_ascii_alphabetic()
        && path.as_bytes()[1] == b':'
        && matches!(path.as_bytes()[2], b'\\' | b'/')
    {
        (String::new(), format!("/{}", path.replace('\\', "/")))
    } else if path.starts_with('/') {
        (String::new(), path.to_string())
    } else {
        return None;
    };
    let mut url = String::from("file://");
    percent_encode_into(&mut url, &host);
    percent_encode_into(&mut url, &rest);
    Some(url)
}

fn percent_encode_into(url: &mut String, s: &str) {
    const HEX: &[u8; 16] = b"0123456789ABCDEF";
    for &b in s.as_bytes() {
        // `:` is kept for drive letters (`/C:/`); everything else outside RFC 3986's unreserved
        // set is encoded, which also keeps `?` and `#` in names from ending the path.
        if b.is_ascii_alphanumeric() || matches!(b, b'-' | b'.' | b'_' | b'~' | b'/' | b':') {
            url.push(char::from(b));
        } else {
            url.push('%');
            url.push(char::from(HEX[usize::from(b >> 4)]));
            url.push(char::from(HEX[usize::from(b & 0xF)]));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_text_and_attributes() {
        let mut h = Html::new();
        h.open("p", &[("title", "\"><script>alert('x')</script>")])
            .text("<img src=x onerror=alert(1)> & Ü")
            .close();
        h.open("input", &[("value", "a\"b")]);
        let page = h.finish();
        assert_eq!(
            page,
            "<!DOCTYPE html>\n<p title=\"&quot;&gt;&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;\">\
             &lt;img src=x onerror=alert(1)&gt; &amp; Ü</p><input value=\"a&quot;b\">\n"
        );
    }

    #[test]
    fn replaces_control_characters_and_closes_what_is_open() {
        let mut h = Html::new();
        h.open("div", &[])
            .open("span", &[])
            .text("a\u{0}b\u{1b}c\nd");
        assert!(
            h.finish()
                .ends_with("<div><span>a\u{FFFD}b\u{FFFD}c\nd</span></div>\n")
        );
    }

    #[test]
    fn file_urls_are_percent_encoded() {
        assert_eq!(
            file_url("/srv/Ämter/a b#1?.docx").as_deref(),
            Some("file:///srv/%C3%84mter/a%20b%231%3F.docx")
        );
        assert_eq!(
            file_url("/x/<img src=x>\"'.docx").as_deref(),
            Some("file:///x/%3Cimg%20src%3Dx%3E%22%27.docx")
        );
        assert_eq!(
            file_url("C:\\Users\\Jörg\\a.doc").as_deref(),
            Some("file:///C:/Users/J%C3%B6rg/a.doc")
        );
        assert_eq!(
            file_url("\\\\fs01\\share\\a.doc").as_deref(),
            Some("file://fs01/share/a.doc")
        );
        assert_eq!(file_url("relative/a.doc"), None);
        assert_eq!(file_url("javascript:alert(1)"), None);
        assert_eq!(file_url(""), None);
    }
}
