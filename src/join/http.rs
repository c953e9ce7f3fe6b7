//! Small pieces of HTTP the join server needs: a parsed request head, form bodies and query
//! strings, the device cookie, HTML escaping, and answers that always carry the security
//! headers.

use std::io::Write;

/// The longest request line (method, target, version); longer gets 414.
pub const MAX_REQUEST_LINE: usize = 8 * 1024;
/// The request line and every header together; longer gets 431.
pub const MAX_HEAD: usize = 16 * 1024;
/// The most header lines a request may have (more gets 431).
pub const MAX_HEADERS: usize = 48;
/// The largest request body read; anything longer is refused with 413 before it is read.
/// An idea of 2,000 characters of four-byte UTF-8, percent-encoded (or JSON-escaped as two
/// `\uXXXX` halves) is 24,000 bytes; the rest is room for the other fields.
pub const MAX_BODY: usize = 32 * 1024;
/// The device cookie's name.
pub const COOKIE: &str = "ambassador_device";
/// The cookie that holds a device's private pulse ballot id.
pub const BALLOT_COOKIE: &str = "ambassador_ballot";

/// A request's method, target and headers, as read before its body.
#[derive(Debug, Clone)]
pub struct Head {
    pub method: String,
    /// The path with its query, as sent.
    pub target: String,
    pub headers: Vec<(String, String)>,
}

impl Head {
    /// The value of a header, if present (names compare without case).
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(n, _)| n.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }

    /// How many times a header is present.
    pub fn count(&self, name: &str) -> usize {
        self.headers
            .iter()
            .filter(|(n, _)| n.eq_ignore_ascii_case(name))
            .count()
    }

    pub fn path(&self) -> &str {
        self.target.split_once('?').map_or(&self.target, |(p, _)| p)
    }

    pub fn query(&self) -> &str {
        self.target.split_once('?').map_or("", |(_, q)| q)
    }

    /// The device token from the `Cookie` header.
    pub fn token(&self) -> Option<String> {
        self.cookie(COOKIE)
    }

    /// The device's own pulse ballot id (a private pulse), when it has one.
    pub fn ballot(&self) -> Option<String> {
        self.cookie(BALLOT_COOKIE)
            .filter(|b| crate::domain::is_ballot_id(b))
    }

    fn cookie(&self, wanted: &str) -> Option<String> {
        self.headers
            .iter()
            .filter(|(n, _)| n.eq_ignore_ascii_case("Cookie"))
            .flat_map(|(_, v)| v.split(';'))
            .filter_map(|c| c.trim().split_once('='))
            .find(|(name, _)| *name == wanted)
            .map(|(_, value)| value.to_string())
    }

    /// Whether the page's script asked (JSON answers); a plain form gets pages and redirects.
    pub fn wants_json(&self) -> bool {
        self.header("Accept").is_some_and(|a| a.contains("json"))
    }
}

/// Why a request head could not be read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum HeadError {
    /// The request line is longer than `MAX_REQUEST_LINE`.
    LineTooLong,
    /// The head is longer than `MAX_HEAD`, or has too many header lines.
    TooLarge,
    /// Not HTTP/1.x.
    Malformed,
}

impl HeadError {
    /// The answer to a head that could not be read.
    pub fn reply(self) -> Reply {
        match self {
            HeadError::LineTooLong => respond(414, "text/plain", "request line too long"),
            HeadError::TooLarge => respond(431, "text/plain", "request headers too large"),
            HeadError::Malformed => respond(400, "text/plain", "bad request"),
        }
    }
}

/// Looks at the bytes read so far: `Ok(Some((head, length)))` once the head is complete
/// (`length` bytes of `bytes` are the head, the rest is the start of the body), `Ok(None)`
/// while more is needed, an error when it can never be a head we take.
pub fn parse_head(bytes: &[u8]) -> Result<Option<(Head, usize)>, HeadError> {
    let line_end = bytes.windows(2).position(|w| w == b"\r\n");
    if line_end.unwrap_or(bytes.len()) > MAX_REQUEST_LINE {
        return Err(HeadError::LineTooLong);
    }
    let mut headers = [httparse::EMPTY_HEADER; MAX_HEADERS];
    let mut request = httparse::Request::new(&mut headers);
    match request.parse(bytes) {
        Ok(httparse::Status::Complete(length)) if length <= MAX_HEAD => {
            let head = Head {
                method: request.method.unwrap_or_default().to_string(),
                target: request.path.unwrap_or_default().to_string(),
                headers: request
                    .headers
                    .iter()
                    .map(|h| {
                        let value = String::from_utf8_lossy(h.value).trim().to_string();
                        (h.name.to_string(), value)
                    })
                    .collect(),
            };
            Ok(Some((head, length)))
        }
        Ok(httparse::Status::Complete(_)) => Err(HeadError::TooLarge),
        Ok(httparse::Status::Partial) if bytes.len() >= MAX_HEAD => Err(HeadError::TooLarge),
        Ok(httparse::Status::Partial) => Ok(None),
        Err(httparse::Error::TooManyHeaders) => Err(HeadError::TooLarge),
        Err(_) => Err(HeadError::Malformed),
    }
}

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

/// One answer: a status, headers and a body, written once and the connection closed.
#[derive(Debug, Clone)]
pub struct Reply {
    pub status: u16,
    pub headers: Vec<(&'static str, String)>,
    pub body: Vec<u8>,
}

impl Reply {
    pub fn with_header(mut self, name: &'static str, value: &str) -> Reply {
        self.headers.push((name, value.to_string()));
        self
    }

    /// The answer as bytes on the wire (`Connection: close`: one request per connection).
    pub fn write_to(&self, out: &mut impl Write) -> std::io::Result<()> {
        let mut head = format!("HTTP/1.1 {} {}\r\n", self.status, reason(self.status));
        for (name, value) in &self.headers {
            head.push_str(&format!("{name}: {value}\r\n"));
        }
        head.push_str(&format!(
            "Content-Length: {}\r\nConnection: close\r\n\r\n",
            self.body.len()
        ));
        let mut bytes = head.into_bytes();
        bytes.extend_from_slice(&self.body);
        out.write_all(&bytes)?;
        out.flush()
    }
}

fn reason(status: u16) -> &'static str {
    match status {
        100 => "Continue",
        200 => "OK",
        303 => "See Other",
        400 => "Bad Request",
        401 => "Unauthorized",
        403 => "Forbidden",
        404 => "Not Found",
        405 => "Method Not Allowed",
        408 => "Request Timeout",
        409 => "Conflict",
        411 => "Length Required",
        413 => "Content Too Large",
        414 => "URI Too Long",
        421 => "Misdirected Request",
        429 => "Too Many Requests",
        431 => "Request Header Fields Too Large",
        503 => "Service Unavailable",
        _ => "",
    }
}

/// A response with the headers every answer carries: a strict Content-Security-Policy, no
/// sniffing, no framing, no referrer to other sites (the link holds the join code; our own
/// pages still say where they are from, so state changes can be checked), and no caching.
pub fn respond(status: u16, content_type: &str, body: impl Into<Vec<u8>>) -> Reply {
    Reply {
        status,
        headers: Vec::new(),
        body: body.into(),
    }
    .with_header("Content-Type", content_type)
    .with_header("Content-Security-Policy", "default-src 'self'")
    .with_header("X-Content-Type-Options", "nosniff")
    .with_header("X-Frame-Options", "DENY")
    .with_header("Referrer-Policy", "same-origin")
    .with_header("Cache-Control", "no-store")
}

pub fn html(status: u16, body: String) -> Reply {
    respond(status, "text/html; charset=utf-8", body)
}

pub fn json(status: u16, value: &serde_json::Value) -> Reply {
    respond(status, "application/json", value.to_string())
}

/// Sends the browser to `to` after a form post (303, so a reload does not post again).
pub fn see_other(to: &str) -> Reply {
    respond(303, "text/plain; charset=utf-8", "").with_header("Location", to)
}

/// Gives the device its token: HttpOnly (no script reads it), SameSite=Strict (no other
/// site's page can post with it).
pub fn with_token(reply: Reply, token: &str) -> Reply {
    let cookie = format!("{COOKIE}={token}; HttpOnly; SameSite=Strict; Path=/");
    reply.with_header("Set-Cookie", &cookie)
}

/// Gives the device its own ballot id for a private pulse, kept for a year so it can still
/// change its scores after the facilitator's program was restarted. It is a random id that
/// nothing else carries: the session file holds the ballot under it, and no name.
pub fn with_ballot(reply: Reply, ballot: &str) -> Reply {
    let cookie =
        format!("{BALLOT_COOKIE}={ballot}; HttpOnly; SameSite=Strict; Path=/; Max-Age=31536000");
    reply.with_header("Set-Cookie", &cookie)
}

/// Asks the browser to wait before the next post.
pub fn retry_after(reply: Reply, seconds: u32) -> Reply {
    reply.with_header("Retry-After", &seconds.to_string())
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
    fn a_head_is_read_with_its_cookie_and_the_start_of_its_body() {
        let bytes = b"POST /idea?x=1 HTTP/1.1\r\nHost: 127.0.0.1:9\r\n\
                      Cookie: a=b; ambassador_device=t0k\r\nContent-Length: 3\r\n\r\nk=v";
        let (head, length) = parse_head(bytes).unwrap().unwrap();
        assert_eq!((head.method.as_str(), head.path()), ("POST", "/idea"));
        assert_eq!(head.query(), "x=1");
        assert_eq!(head.token().as_deref(), Some("t0k"));
        assert_eq!(head.header("content-length"), Some("3"));
        assert_eq!(&bytes[length..], b"k=v");
        assert_eq!(
            parse_head(b"GET / HTTP/1.1\r\nHost: x")
                .unwrap()
                .map(|h| h.1),
            None
        );
    }

    #[test]
    fn a_long_request_line_is_414_and_a_long_head_431_even_before_it_ends() {
        let mut line = b"GET /".to_vec();
        line.extend(std::iter::repeat_n(b'a', MAX_REQUEST_LINE));
        assert_eq!(parse_head(&line).err(), Some(HeadError::LineTooLong));
        let mut head = b"GET / HTTP/1.1\r\nX: ".to_vec();
        head.extend(std::iter::repeat_n(b'a', MAX_HEAD));
        assert_eq!(parse_head(&head).err(), Some(HeadError::TooLarge));
        let many: String = (0..=MAX_HEADERS).map(|n| format!("X-{n}: 1\r\n")).collect();
        let many = format!("GET / HTTP/1.1\r\n{many}\r\n");
        assert_eq!(parse_head(many.as_bytes()).err(), Some(HeadError::TooLarge));
        assert_eq!(
            parse_head(b"\x16\x03\x01 hello\r\n\r\n").err(),
            Some(HeadError::Malformed)
        );
        assert_eq!(HeadError::LineTooLong.reply().status, 414);
        assert_eq!(HeadError::TooLarge.reply().status, 431);
    }

    #[test]
    fn an_answer_is_written_with_its_length_and_closes() {
        let mut out = Vec::new();
        see_other("/x").write_to(&mut out).unwrap();
        let text = String::from_utf8(out).unwrap();
        assert!(text.starts_with("HTTP/1.1 303 See Other\r\n"), "{text}");
        assert!(text.contains("Location: /x\r\n"));
        assert!(text.ends_with("Content-Length: 0\r\nConnection: close\r\n\r\n"));
    }
}
