/// Escaping for everything `--report` puts into HTML and inline SVG: text content and attribute values.
///
/// Besides `& < > " '`, it drops control characters HTML does not allow and breaks every "http" (in any
/// case) with a character reference, so that no file or interface name can put that word into a report
/// whose promise is that it refers to nothing on a network.
package enum HTMLEscaping {
    package static func escape(_ text: String) -> String {
        let scalars = Array(text.unicodeScalars)
        var out = String.UnicodeScalarView()
        out.reserveCapacity(scalars.count)
        var index = 0
        while index < scalars.count {
            let scalar = scalars[index]
            switch scalar {
            case "&": out.append(contentsOf: "&amp;".unicodeScalars)
            case "<": out.append(contentsOf: "&lt;".unicodeScalars)
            case ">": out.append(contentsOf: "&gt;".unicodeScalars)
            case "\"": out.append(contentsOf: "&quot;".unicodeScalars)
            case "'": out.append(contentsOf: "&#39;".unicodeScalars)
            case "h" where startsHTTP(scalars, at: index), "H" where startsHTTP(scalars, at: index):
                out.append(contentsOf: "&#\(scalar.value);".unicodeScalars)
            case "\n", "\t":
                out.append(scalar)
            default:
                // C0 and C1 controls (and DEL) are not allowed in HTML text.
                if scalar.value < 0x20 || (0x7F...0x9F).contains(scalar.value) {
                    out.append(contentsOf: "\u{FFFD}".unicodeScalars)
                } else {
                    out.append(scalar)
                }
            }
            index += 1
        }
        return String(out)
    }

    private static func startsHTTP(_ scalars: [Unicode.Scalar], at index: Int) -> Bool {
        let word: [Unicode.Scalar] = ["h", "t", "t", "p"]
        guard index + word.count <= scalars.count else { return false }
        for offset in word.indices {
            let value = scalars[index + offset].value
            let lower = (0x41...0x5A).contains(value) ? value + 0x20 : value
            if lower != word[offset].value { return false }
        }
        return true
    }
}

/// Builds HTML and inline SVG text; every text and attribute value goes through `HTMLEscaping`.
package struct Markup {
    private(set) var text = ""

    package init() { text.reserveCapacity(1 << 16) }

    /// Markup the report itself wrote (tags, CSS): never data.
    package mutating func raw(_ markup: String) { text += markup }

    package mutating func text(_ content: String) { text += HTMLEscaping.escape(content) }

    package mutating func open(_ tag: String, _ attributes: KeyValuePairs<String, String?> = [:]) {
        text += "<" + tag
        appendAttributes(attributes)
        text += ">"
    }

    package mutating func close(_ tag: String) { text += "</" + tag + ">" }

    /// `<tag …/>` (SVG) or a void HTML element.
    package mutating func empty(_ tag: String, _ attributes: KeyValuePairs<String, String?> = [:]) {
        text += "<" + tag
        appendAttributes(attributes)
        text += "/>"
    }

    /// `<tag …>text</tag>`, optionally with a hover `<title>` first (SVG).
    package mutating func element(_ tag: String, _ attributes: KeyValuePairs<String, String?> = [:], text content: String,
                          title: String? = nil) {
        open(tag, attributes)
        if let title { self.title(title) }
        text(content)
        close(tag)
    }

    /// An SVG shape with a hover tooltip: `<rect …><title>…</title></rect>`.
    package mutating func shape(_ tag: String, _ attributes: KeyValuePairs<String, String?>, title: String?) {
        guard let title else { return empty(tag, attributes) }
        open(tag, attributes)
        self.title(title)
        close(tag)
    }

    package mutating func title(_ content: String) {
        text += "<title>"
        text(content)
        text += "</title>"
    }

    private mutating func appendAttributes(_ attributes: KeyValuePairs<String, String?>) {
        for (name, value) in attributes {
            guard let value else { continue }
            text += " " + name + "=\"" + HTMLEscaping.escape(value) + "\""
        }
    }
}
