import Networks
import Testing

/// RFC 8785 (JSON Canonicalization Scheme): the bytes every signature is made over.
@Suite("Canonical JSON (RFC 8785)")
struct CanonicalJSONTests {
    /// Parses `text`, recording an issue (and returning null) when it is not JSON.
    static func parsed(_ text: String, sourceLocation: SourceLocation = #_sourceLocation) -> JSON {
        do { return try JSON.parse(text) } catch {
            Issue.record("could not parse \(text): \(error)", sourceLocation: sourceLocation)
            return .null
        }
    }

    @Test("RFC 8785 section 3.2.2 example canonicalizes byte for byte")
    func rfcSection322Example() throws {
        let input = #"""
            {
              "numbers": [333333333.33333329, 1E30, 4.50, 2e-3, 0.000000000000000000000000001],
              "string": "\u20ac$\u000F\u000aA'\u0042\u0022\u005c\\\"\/",
              "literals": [null, true, false]
            }
            """#
        let expected = #"{"literals":[null,true,false],"numbers":[333333333.3333333,1e+30,4.5,0.002,1e-27],"string":"€$\u000f\nA'B\"\\\\\"/"}"#
        #expect(try JSON.parse(input).canonicalString == expected)
    }

    @Test("keys sort by UTF-16 code units (RFC 8785 section 3.2.3)")
    func rfcSection323Sorting() throws {
        let input = #"""
            {
              "\u20ac": "Euro Sign",
              "\r": "Carriage Return",
              "\ufb33": "Hebrew Letter Dalet With Dagesh",
              "1": "One",
              "\ud83d\ude00": "Emoji: Grinning Face",
              "\u0080": "Control",
              "\u00f6": "Latin Small Letter O With Diaeresis"
            }
            """#
        let expected =
            #"{"\r":"Carriage Return","1":"One","\#u{80}":"Control","ö":"Latin Small Letter O With Diaeresis","#
            + #""€":"Euro Sign","😀":"Emoji: Grinning Face","דּ":"Hebrew Letter Dalet With Dagesh"}"#
        #expect(try JSON.parse(input).canonicalString == expected)
    }

    @Test("an emoji key sorts before U+FB33 by UTF-16 although its scalar value is larger")
    func utf16NotScalarOrder() {
        // U+1F600 is 0xD83D 0xDE00 in UTF-16, which precedes 0xFB33; by scalar value it would follow.
        let value: JSON = ["\u{FB33}": 1, "\u{1F600}": 2]
        #expect(value.canonicalString == "{\"\u{1F600}\":2,\"\u{FB33}\":1}")
    }

    @Test("ASCII keys sort bytewise: uppercase before lowercase, shorter prefix first")
    func asciiKeyOrder() {
        let value: JSON = ["b": 1, "a": 2, "B": 3, "ab": 4, "": 5]
        #expect(value.canonicalString == #"{"":5,"B":3,"a":2,"ab":4,"b":1}"#)
    }

    @Test("control characters escape as lowercase \\u00XX, except the short escapes")
    func controlCharacterEscapes() {
        let value = JSON.string("\u{0}\u{1}\u{8}\t\n\u{B}\u{C}\r\u{1F}")
        #expect(value.canonicalString == #""\u0000\u0001\b\t\n\u000b\f\r\u001f""#)
    }

    @Test("quote and backslash escape; slash, DEL and non-ASCII are emitted raw")
    func rawCharacters() {
        let value = JSON.string("a\"b\\c/d\u{7F}é€😀")
        #expect(value.canonicalString == "\"a\\\"b\\\\c/d\u{7F}é€😀\"")
        #expect(value.canonicalBytes == Array("\"a\\\"b\\\\c/d\u{7F}é€😀\"".utf8), "non-ASCII must be raw UTF-8")
    }

    @Test("keys are escaped like strings")
    func keyEscaping() {
        let value: JSON = ["a\nb": "x", "q\"": "y"]
        #expect(value.canonicalString == #"{"a\nb":"x","q\"":"y"}"#)
    }

    @Test(
        "doubles format as ECMAScript Number.prototype.toString",
        arguments: [
            (1e21, "1e+21"), (1e20, "100000000000000000000"), (1e-7, "1e-7"), (0.000001, "0.000001"),
            (123.456, "123.456"), (-0.0, "0"), (0.0, "0"), (1e30, "1e+30"), (4.5, "4.5"),
            (333333333.3333333, "333333333.3333333"), (0.002, "0.002"), (1e-27, "1e-27"), (-1.5, "-1.5"),
            (1.0, "1"), (1e16, "10000000000000000"), (123456789012345680000.0, "123456789012345680000"),
            (1.5e-10, "1.5e-10"), (-2.5e25, "-2.5e+25"), (Double.leastNonzeroMagnitude, "5e-324"),
            (1.7976931348623157e308, "1.7976931348623157e+308"), (0.1, "0.1"), (100.0, "100"),
        ] as [(Double, String)])
    func doubleFormatting(value: Double, expected: String) {
        #expect(JSON.double(value).canonicalString == expected)
    }

    @Test("integers format as plain decimal", arguments: [
        (Int64(0), "0"), (-1, "-1"), (42, "42"), (Int64.max, "9223372036854775807"), (Int64.min, "-9223372036854775808"),
    ])
    func integerFormatting(value: Int64, expected: String) {
        #expect(JSON.int(value).canonicalString == expected)
    }

    @Test("literals and empty containers")
    func literals() {
        #expect(JSON.null.canonicalString == "null")
        #expect(JSON.bool(true).canonicalString == "true")
        #expect(JSON.bool(false).canonicalString == "false")
        #expect(JSON.array([]).canonicalString == "[]")
        #expect(JSON.object([:]).canonicalString == "{}")
    }

    @Test("nested structures sort at every level and keep array order")
    func nested() {
        let value: JSON = [
            "z": [3, 1, 2, ["y": "1", "x": [true, .null]]],
            "a": ["d": ["c": 1, "b": 2], "a": []],
        ]
        #expect(value.canonicalString == #"{"a":{"a":[],"d":{"b":2,"c":1}},"z":[3,1,2,{"x":[true,null],"y":"1"}]}"#)
    }

    @Test("whitespace in the input does not reach the canonical form")
    func whitespaceRemoved() {
        let value = Self.parsed(" {\n\t\"b\" : [ 1 , 2 ] ,\r\n \"a\" : { } } ")
        #expect(value.canonicalString == #"{"a":{},"b":[1,2]}"#)
    }

    @Test(
        "parsing the canonical text gives back the same value",
        arguments: [
            JSON.object([
                "chain_id": "ledgerqa-devnet-1", "nonce": 7, "amount": "340282366920938463463374607431768211455",
                "call": ["contract": "native", "method": "transfer", "args": ["to": "n00", "flag": true, "none": .null]],
            ]),
            JSON.array([.double(0.5), .double(1e21), .double(1e-7), .double(-123.456), .int(-9), .string("\u{0}\u{1F}\"\\/")]),
            JSON.object(["\u{1F600}": ["\u{FB33}": .array([])], "\r": .object([:]), "ö": .double(333333333.3333333)]),
            JSON.string("line\nbreak\ttab é 😀"),
        ])
    func roundTrip(value: JSON) throws {
        let text = value.canonicalString
        let back = try JSON.parse(text)
        #expect(back == value, "parse(canonical) differs; canonical text was \(text)")
        #expect(back.canonicalString == text, "canonicalization must be idempotent")
    }
}
