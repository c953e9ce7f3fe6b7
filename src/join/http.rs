//! Small pieces of HTTP the join server needs: form bodies and query strings, the device
//! cookie, HTML escaping, and responses that always carry the security headers.

use std::io::{Cursor, Read};
use tiny_http::{Header, Response, StatusCode};

/// The largest request body read; anything longer is refused with 413.
pub const MAX_BODY: usize = 8 * 1024;
/// The device cookie's name.
pub const COOKIE: &str = "ambassador_device";

pub type Reply = Response<Cursor<Vec<u8>>>;

/// Decodes `application/x-www-form-urlencoded` text (a body or a query string): `+` is a
/// space, a broken escape stays as typed, invalid UTF-8 becomes U+FFFD.
pub fn form(text: &str) -> Vec<(String, String)> {
    form_urlencoded::parse(text.as_bytes())
        .map(|(name, value)| (name.into_owned(), value.into_owned()))
        .collect()
}

/// The first value of `name` in a decoded form.
pub fn field<'a>(form: &'a [(String, String)], name: &str) -> Option<&'a str> {
    form.iter()
        .find(|(n, _)| n == name)
        .map(|(_, v)| v.as_str())
}

/// Percent-encoding for a value in a link.
pub fn encode(text: &str) -> String {
    text.bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' => {
                char::from(b).to_string()
            }
            _ => format!("%{b:02X}"),
        })
        .collect()
}

/// Text for HTML content and attribute values.
pub use crate::sanitize::html as escape;

/// The value of a request header, if present.
pub fn header<'a>(headers: &'a [Header], name: &'static str) -> Option<&'a str> {
    headers
        .iter()
        .find(|h| h.field.equiv(name))
        .map(|h| h.value.as_str())
}

/// The device token from the `Cookie` header.
pub fn token(headers: &[Header]) -> Option<String> {
    headers
        .iter()
        .filter(|h| h.field.equiv("Cookie"))
        .flat_map(|h| h.value.as_str().split(';'))
        .filter_map(|c| c.trim().split_once('='))
        .find(|(name, _)| *name == COOKIE)
        .map(|(_, value)| value.to_string())
}

/// Reads a body of at most `MAX_BODY` bytes; `None` when it is longer.
pub fn body(reader: &mut dyn Read, declared: Option<usize>) -> Option<String> {
    if declared.is_some_and(|n| n > MAX_BODY) {
        return None;
    }
    let mut bytes = Vec::new();
    reader
        .take(MAX_BODY as u64 + 1)
        .read_to_end(&mut bytes)
        .ok()?;
    (bytes.len() <= MAX_BODY).then(|| String::from_utf8_lossy(&bytes).into_owned())
}

fn head(name: &str, value: &str) -> Header {
    Header::from_bytes(name.as_bytes(), value.as_bytes()).expect("header names are plain ASCII")
}

/// A response with the headers every answer carries: a strict Content-Security-Policy, no
/// sniffing, no framing, no referrer (the link holds the join code), and no caching.
pub fn respond(status: u16, content_type: &str, body: impl Into<Vec<u8>>) -> Reply {
    Response::from_data(body.into())
        .with_status_code(StatusCode(status))
        .with_header(head("Content-Type", content_type))
        .with_header(head("Content-Security-Policy", "default-src 'self'"))
        .with_header(head("X-Content-Type-Options", "nosniff"))
        .with_header(head("X-Frame-Options", "DENY"))
        .with_header(head("Referrer-Policy", "no-referrer"))
        .with_header(head("Cache-Control", "no-store"))
}

pub fn html(status: u16, body: String) -> Reply {
    respond(status, "text/html; charset=utf-8", body)
}

pub fn json(status: u16, value: &serde_json::Value) -> Reply {
    respond(status, "application/json", value.to_string())
}

/// Sends the browser to `to` after a form post (303, so a reload does not post again).
pub fn see_other(to: &str) -> Reply {
    respond(303, "text/plain; charset=utf-8", "").with_header(head("Location", to))
}

/// Gives the device its token: HttpOnly (no script reads it), SameSite=Strict (no other
/// site's page can post with it).
pub fn with_token(reply: Reply, token: &str) -> Reply {
    let cookie = format!("{COOKIE}={token}; HttpOnly; SameSite=Strict; Path=/");
    reply.with_header(head("Set-Cookie", &cookie))
}

/// Asks the browser to wait before the next post.
pub fn retry_after(reply: Reply, seconds: u32) -> Reply {
    reply.with_header(head("Retry-After", &seconds.to_string()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn forms_decode_plus_percent_and_broken_escapes() {
        let f = form("text=caf%C3%A9+au+lait&key=a%2Fb&bad=%zz%4&empty=&flag");
        assert_eq!(field(&f, "text"), Some("café au lait"));
        assert_eq!(field(&f, "key"), Some("a/b"));
        assert_eq!(field(&f, "bad"), Some("%zz%4"));
        assert_eq!(field(&f, "empty"), Some(""));
        assert_eq!(field(&f, "flag"), Some(""));
        assert_eq!(field(&f, "missing"), None);
        assert_eq!(field(&form("x=%"), "x"), Some("%"));
    }

    #[test]
    fn escape_covers_markup_and_both_quotes() {
        assert_eq!(
            escape(r#"<script>alert("x")</script> & 'y'"#),
            "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &#39;y&#39;"
        );
    }

    #[test]
    fn encode_round_trips_through_decode() {
        let text = "A b/c?d=é&";
        let decoded = form(&format!("v={}", encode(text)));
        assert_eq!(field(&decoded, "v"), Some(text));
    }

    #[test]
    fn a_body_over_the_limit_is_refused_even_without_a_length() {
        let long = vec![b'a'; MAX_BODY + 1];
        assert_eq!(body(&mut long.as_slice(), None), None);
        assert_eq!(body(&mut &b"a=1"[..], Some(MAX_BODY + 1)), None);
        assert_eq!(
            body(&mut &long[..MAX_BODY], None).map(|b| b.len()),
            Some(MAX_BODY)
        );
    }
}
