/// Splits one source line into tokens, the first pass of the language.
///
/// Comments (`#` to the end of the line) and spaces are dropped. Each token
/// carries its 1-based line and column. Lexing stops at the first error: an
/// unterminated string, an unknown escape, a character outside the language,
/// or a number too large for a Double all become a `Diagnostic`.
public struct Lexer {
    private let characters: [Character]
    private let file: String
    private let line: Int
    private var index = 0

    /// Prepares to lex `text`, which is line `line` of `file`.
    public init(_ text: String, file: String, line: Int) {
        self.characters = Array(text)
        self.file = file
        self.line = line
    }

    /// The tokens of the whole line.
    /// - Throws: the first lexical `Diagnostic` of the line.
    public mutating func tokenize() throws(Diagnostic) -> [Token] {
        var tokens: [Token] = []
        while let token = try nextToken() { tokens.append(token) }
        return tokens
    }

    private mutating func nextToken() throws(Diagnostic) -> Token? {
        while index < characters.count, characters[index] == " " || characters[index] == "\t" || characters[index] == "\r" {
            index += 1
        }
        guard index < characters.count, characters[index] != "#" else { return nil }
        let start = index
        let c = characters[index]
        if c.isASCII && (c.isLetter || c == "_") { return word(from: start) }
        if c.isASCII && c.isNumber { return try number(from: start) }
        if c == "-", index + 1 < characters.count, characters[index + 1].isASCII, characters[index + 1].isNumber {
            return try number(from: start)
        }
        if c == "\"" { return try string(from: start) }
        if c == "$", index + 1 < characters.count, characters[index + 1].isASCII,
           characters[index + 1].isLetter || characters[index + 1] == "_" {
            index += 1
            let name = word(from: index)
            return Token(kind: .parameter(name.text), text: "$" + name.text, location: location(of: start))
        }
        index += 1
        switch c {
        case "=":
            if peek("=") { index += 1; return make(.comparison(.equal), from: start) }
            return make(.equals, from: start)
        case ",": return make(.comma, from: start)
        case ".": return make(.dot, from: start)
        case ":": return make(.colon, from: start)
        case ">", "<":
            let orEqual = peek("=")
            if orEqual { index += 1 }
            let comparison: Comparison = c == ">" ? (orEqual ? .greaterOrEqual : .greater) : (orEqual ? .lessOrEqual : .less)
            return make(.comparison(comparison), from: start)
        default:
            throw Diagnostic(.unexpectedCharacter(c), at: location(of: start))
        }
    }

    private func peek(_ c: Character) -> Bool { index < characters.count && characters[index] == c }

    private func location(of position: Int) -> SourceLocation {
        SourceLocation(file: file, line: line, column: position + 1)
    }

    private func make(_ kind: Token.Kind, from start: Int) -> Token {
        Token(kind: kind, text: String(characters[start..<index]), location: location(of: start))
    }

    private mutating func word(from start: Int) -> Token {
        while index < characters.count, characters[index].isASCII,
              characters[index].isLetter || characters[index].isNumber || characters[index] == "_" {
            index += 1
        }
        return make(.word(String(characters[start..<index])), from: start)
    }

    private mutating func number(from start: Int) throws(Diagnostic) -> Token {
        if characters[index] == "-" { index += 1 }
        skipDigits()
        if peek("."), index + 1 < characters.count, characters[index + 1].isASCII, characters[index + 1].isNumber {
            index += 1
            skipDigits()
        }
        if peek("e") || peek("E") {
            var probe = index + 1
            if probe < characters.count, characters[probe] == "-" || characters[probe] == "+" { probe += 1 }
            if probe < characters.count, characters[probe].isASCII, characters[probe].isNumber {
                index = probe
                skipDigits()
            }
        }
        let text = String(characters[start..<index])
        if index < characters.count, characters[index].isASCII, characters[index].isLetter || characters[index] == "_" {
            while index < characters.count, characters[index].isASCII,
                  characters[index].isLetter || characters[index].isNumber || characters[index] == "_" {
                index += 1
            }
            throw Diagnostic(.malformedNumber(String(characters[start..<index])), at: location(of: start))
        }
        guard let value = Double(text), value.isFinite else {
            throw Diagnostic(.numberTooLarge(text), at: location(of: start))
        }
        return make(.number(value), from: start)
    }

    private mutating func skipDigits() {
        while index < characters.count, characters[index].isASCII, characters[index].isNumber { index += 1 }
    }

    private mutating func string(from start: Int) throws(Diagnostic) -> Token {
        index += 1
        var value = ""
        while index < characters.count {
            let c = characters[index]
            if c == "\"" {
                index += 1
                return make(.string(value), from: start)
            }
            if c == "\\" {
                guard index + 1 < characters.count else { break }
                let escaped = characters[index + 1]
                guard escaped == "\"" || escaped == "\\" else {
                    throw Diagnostic(.unknownEscape(escaped), at: location(of: index))
                }
                value.append(escaped)
                index += 2
                continue
            }
            value.append(c)
            index += 1
        }
        throw Diagnostic(.unterminatedString, at: location(of: start))
    }
}
