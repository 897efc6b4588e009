import Fixtures
import Networks
import Testing

/// The strict RFC 8259 parser that reads every request and response.
@Suite("JSON parser")
struct JSONParserTests {
    /// `depth` arrays nested inside each other, innermost empty.
    static func nestedArrays(_ depth: Int) -> String {
        String(repeating: "[", count: depth) + String(repeating: "]", count: depth)
    }

    @Test(
        "malformed input is refused with JSONParseError",
        arguments: [
            ("trailing garbage", #"{"a":1} x"#),
            ("two documents", "1 2"),
            ("leading zero leaves trailing data", "01"),
            ("negative leading zero", "-01"),
            ("unterminated string", #""abc"#),
            ("unterminated object", #"{"a":1"#),
            ("unterminated array", "[1,2"),
            ("bad escape", #""\x""#),
            ("short unicode escape", #""\u12""#),
            ("non-hex unicode escape", #""\u12g4""#),
            ("lone high surrogate", #""\ud800""#),
            ("high surrogate followed by text", #""\ud800abc""#),
            ("high surrogate followed by a non-low escape", #""\ud800\u0041""#),
            ("lone low surrogate", #""\udc00""#),
            ("duplicate key", #"{"a":1,"a":2}"#),
            ("raw newline in string", "\"a\nb\""),
            ("raw tab in string", "\"a\tb\""),
            ("raw NUL in string", "\"a\u{0}b\""),
            ("trailing comma in array", "[1,]"),
            ("trailing comma in object", #"{"a":1,}"#),
            ("missing colon", #"{"a" 1}"#),
            ("unquoted key", "{a:1}"),
            ("single-quoted string", "'a'"),
            ("plus sign", "+1"),
            ("bare fraction", ".5"),
            ("dangling decimal point", "1."),
            ("dangling exponent", "1e"),
            ("lone minus", "-"),
            ("NaN", "NaN"),
            ("Infinity", "Infinity"),
            ("number out of range", "1e400"),
            ("misspelt literal", "tru"),
            ("capitalised literal", "True"),
            ("empty input", ""),
            ("only whitespace", "  \n "),
            ("comment", "// x\n1"),
        ])
    func rejectsMalformed(name: String, text: String) {
        #expect(throws: JSONParseError.self, "\(name): \(text.debugDescription)") { try JSON.parse(text) }
    }

    @Test("invalid UTF-8 inside a string is refused")
    func rejectsInvalidUTF8() {
        let bytes: [UInt8] = [0x22, 0x61, 0xFF, 0x62, 0x22]
        #expect(throws: JSONParseError.self) { try JSON.parse(bytes) }
    }

    @Test("the error carries the byte offset where parsing stopped")
    func errorOffset() {
        let error = #expect(throws: JSONParseError.self) { try JSON.parse("[1, 2] x") }
        #expect(error?.offset == 7, "offset of the trailing 'x'")
        #expect(error?.description.contains("at byte 7") == true, "description names the offset")
    }

    @Test("nesting up to JSON.maxDepth is accepted, one level more is refused")
    func depthLimit() throws {
        #expect(throws: Never.self) { try JSON.parse(Self.nestedArrays(JSON.maxDepth)) }
        #expect(throws: JSONParseError.self) { try JSON.parse(Self.nestedArrays(JSON.maxDepth + 1)) }
        let deepObject = String(repeating: #"{"a":"#, count: JSON.maxDepth + 1) + "1" + String(repeating: "}", count: JSON.maxDepth + 1)
        #expect(throws: JSONParseError.self, "deep objects are limited too") { try JSON.parse(deepObject) }
    }

    @Test("hostile nesting of 100 000 levels is refused without exhausting the stack")
    func hostileNesting() {
        #expect(throws: JSONParseError.self) { try JSON.parse(Self.nestedArrays(100_000)) }
    }

    @Test("surrogate pairs decode to one scalar")
    func surrogatePairs() throws {
        #expect(try JSON.parse(#""\ud83d\ude00""#) == .string("😀"))
        #expect(try JSON.parse(#""\uD834\uDD1E""#) == .string("𝄞"), "uppercase hex digits are allowed")
    }

    @Test("all short escapes decode")
    func shortEscapes() throws {
        #expect(try JSON.parse(#""\"\\\/\b\f\n\r\t\u0041\u00e9""#) == .string("\"\\/\u{8}\u{C}\n\r\tAé"))
    }

    @Test("raw UTF-8 passes through")
    func rawUTF8() throws {
        #expect(try JSON.parse("\"é€😀\"") == .string("é€😀"))
    }

    @Test("insignificant whitespace is allowed everywhere between tokens")
    func whitespace() throws {
        let value = try JSON.parse(" \t\r\n{ \"a\" :\n[ 1 ,\t2 ] , \"b\"\r: { } }\n ")
        #expect(value == ["a": [1, 2], "b": [:]])
    }

    @Test("scalars parse at top level")
    func scalars() throws {
        #expect(try JSON.parse("null") == .null)
        #expect(try JSON.parse("true") == .bool(true))
        #expect(try JSON.parse("false") == .bool(false))
        #expect(try JSON.parse(#""""#) == .string(""))
        #expect(try JSON.parse("[]") == .array([]))
        #expect(try JSON.parse("{}") == .object([:]))
    }

    @Test(
        "integers stay integers; a fraction or exponent makes a double",
        arguments: [
            ("1", JSON.int(1)), ("0", .int(0)), ("-0", .int(0)), ("-7", .int(-7)),
            ("9223372036854775807", .int(Int64.max)), ("-9223372036854775808", .int(Int64.min)),
            ("1.0", .double(1.0)), ("1e2", .double(100)), ("1E2", .double(100)), ("1e+2", .double(100)),
            ("2.5e-3", .double(0.0025)), ("-0.5", .double(-0.5)), ("0.0", .double(0)),
            ("9223372036854775808", .double(9223372036854775808.0)),
        ])
    func numberKinds(text: String, expected: JSON) throws {
        let value = try JSON.parse(text)
        #expect(value == expected)
        switch (value, expected) {
        case (.int, .int), (.double, .double): break
        default: Issue.record("\(text) parsed as \(value.typeName) case \(value), expected case \(expected)")
        }
    }

    /// Answers shaped like a state read's: nested objects and arrays, escapes, numbers.
    static let documents = [
        #"[{"jsonrpc":"2.0","id":7,"result":{"tokens":"5","locks":[{"tokens":"1","unlock_at":1796108444}],"fees":"0"}},{"id":8,"result":"12"}]"#,
        #"{"a":[true,false,null,-1.5e3,0,{"b":"\u00e9\ud83d\ude00\n"}],"c":{}}"#,
    ]

    @Test("every truncation of a document is refused at or before its end, never read past it")
    func truncations() throws {
        for document in Self.documents {
            let bytes = Array(document.utf8)
            #expect(try JSON.parse(bytes) != .null)
            for end in 0..<bytes.count {
                do {
                    let value = try JSON.parse(bytes[0..<end])
                    Issue.record("a prefix of \(end) bytes parsed as \(value)")
                } catch {
                    #expect(error.offset <= end, "offset \(error.offset) of a \(end)-byte prefix")
                }
            }
        }
    }

    @Test("seeded one-byte changes of a document parse or are refused, and what parses writes and reads back the same")
    func mutations() throws {
        var random = SeededGenerator(seed: 20261201)
        func next() -> UInt64 { random.next() }
        let alphabet = Array(#"{}[]":,\-+.0123456789eEtrufalsn u"#.utf8) + [0x00, 0x1F, 0x7F, 0xC3, 0xFF]
        for document in Self.documents {
            let bytes = Array(document.utf8)
            for _ in 0..<2_000 {
                var mutated = bytes
                mutated[Int(next() % UInt64(bytes.count))] = alphabet[Int(next() % UInt64(alphabet.count))]
                guard let value = try? JSON.parse(mutated) else { continue }
                // Compared written: a number like 1e3 is a double that writes as 1000, which reads back as an integer.
                let written = value.canonicalBytes
                #expect(try JSON.parse(written).canonicalBytes == written, "\(String(decoding: mutated, as: UTF8.self))")
            }
        }
    }

    @Test("bytes and string entry points agree")
    func bytesAndString() throws {
        let text = #"{"k":[1,"é",null]}"#
        #expect(try JSON.parse(Array(text.utf8)) == JSON.parse(text))
    }
}
