import NeuralNet

/// A command and the place its statement starts (the `model` line for a block).
public struct LocatedCommand: Equatable, Sendable {
    /// The typed command.
    public var command: Command
    /// Where its statement starts.
    public var location: SourceLocation
    /// For a `model` block, where each layer line starts (in layer order), so
    /// a shape error in the stack can point at the line of the layer at fault.
    public var layerLocations: [SourceLocation]
    /// The tokens of a one-line statement, so a runtime error can point at the
    /// word at fault (an unknown name, a path, an option value) rather than the verb.
    public var tokens: [Token]

    /// Pairs a command with its location.
    public init(_ command: Command, at location: SourceLocation, layerLocations: [SourceLocation] = [],
                tokens: [Token] = []) {
        self.command = command
        self.location = location
        self.layerLocations = layerLocations
        self.tokens = tokens
    }

    /// Two located commands are the same statement at the same place; the tokens only
    /// place carets, so they take no part.
    public static func == (a: LocatedCommand, b: LocatedCommand) -> Bool {
        a.command == b.command && a.location == b.location && a.layerLocations == b.layerLocations
    }

    /// Where `word` stands among the statement's arguments (a name, or a string's
    /// contents), followed by `.split` when `split` is given; the statement's own
    /// location when it is not there.
    public func location(ofWord word: String, split: String? = nil) -> SourceLocation {
        func text(_ i: Int) -> String? {
            guard tokens.indices.contains(i) else { return nil }
            switch tokens[i].kind {
            case .word(let w), .string(let w): return w
            default: return nil
            }
        }
        for i in tokens.indices.dropFirst() where text(i) == word {
            guard let split else { return tokens[i].location }
            if tokens.indices.contains(i + 1), tokens[i + 1].kind == .dot, text(i + 2) == split { return tokens[i].location }
        }
        return location
    }

    /// The line of layer `index` of a model block, or the statement's own location.
    public func location(ofLayer index: Int) -> SourceLocation {
        layerLocations.indices.contains(index) ? layerLocations[index] : location
    }

    /// Where a model error belongs: the line of the layer it names, else the statement.
    public func location(of error: ModelError) -> SourceLocation {
        error.layerIndex.map(location(ofLayer:)) ?? location
    }
}

/// Reads statements one line at a time: the one entry the REPL and scripts share.
///
/// Each line is lexed and parsed on its own; a `model NAME` line opens a block
/// that takes one layer per line until `end`, which yields the `.model`
/// command. A bad line inside a block is reported and not taken; the block
/// stays open. In `.script` mode a block that had an error yields no command
/// at its `end` (the script has already failed); in `.interactive` mode the
/// layers that were taken form the model, and the block as typed
/// (`TypedBlock`, from `takeClosedBlock`) says what was left out.
public struct StatementReader: Sendable {
    /// How a block with a bad line ends.
    public enum Mode: Sendable {
        /// The REPL: the accepted layers form the model at `end`.
        case interactive
        /// A script: a block with errors yields no model.
        case script
    }

    /// What one line amounted to.
    public enum Outcome: Equatable, Sendable {
        /// A blank or comment-only line.
        case nothing
        /// A complete command.
        case command(LocatedCommand)
        /// The line opened a block or was taken into the open one.
        case continuing
        /// The line was rejected.
        case failed(Diagnostic)
    }

    private struct OpenBlock: Sendable {
        var name: String
        var location: SourceLocation
        var definition = ModelDefinition(layers: [])
        var layerLocations: [SourceLocation] = []
        var hadError = false
        var typed: TypedBlock
    }

    /// The file name used in locations (`<repl>` for the prompt).
    public let file: String
    /// The block behaviour.
    public let mode: Mode
    /// The number of lines read so far (the last line's number).
    public private(set) var lineNumber = 0
    private var block: OpenBlock?
    private var closedBlock: TypedBlock?
    /// The script parameters declared so far, with the overrides the reader was given.
    public private(set) var parameters: ScriptParameters

    /// A reader for `file`, numbering lines from 1; `parameters` holds values given from outside.
    public init(file: String, mode: Mode, parameters: ScriptParameters = ScriptParameters()) {
        self.file = file
        self.mode = mode
        self.parameters = parameters
    }

    /// The name of the model whose block is open, if any (the REPL shows the continuation prompt).
    public var openModel: String? { block?.name }

    /// Reads the next line.
    public mutating func read(_ text: String) -> Outcome {
        lineNumber += 1
        do throws(Diagnostic) {
            var lexer = Lexer(text, file: file, line: lineNumber)
            let tokens = try parameters.substitute(try lexer.tokenize())
            guard !tokens.isEmpty else { return .nothing }
            if block != nil { return try readInsideBlock(tokens, text: text) }
            switch try StatementParser.parse(tokens) {
            case .command(.param(let defaults)):
                // Declared as the line is read, so later lines (and `lab check`) see the values in force.
                var inForce: [ScriptParameters.Value] = []
                for value in defaults {
                    let token = Token(kind: value.token, text: value.text, location: tokens[0].location)
                    inForce.append(try parameters.declare(value.name, default: token, at: tokens[0].location))
                }
                return .command(LocatedCommand(.param(inForce), at: tokens[0].location, tokens: tokens))
            case .command(let command): return .command(LocatedCommand(command, at: tokens[0].location, tokens: tokens))
            case .modelHeader(let name):
                block = OpenBlock(name: name, location: tokens[0].location, typed: TypedBlock(name: name, header: text))
                return .continuing
            case .end: throw Diagnostic(.endWithoutModel, at: tokens[0].location)
            }
        } catch {
            block?.hadError = true
            block?.typed.reject(text)
            return .failed(error)
        }
    }

    /// The block the last line closed with `end`, as typed, once: later calls return nil
    /// until another block closes.
    public mutating func takeClosedBlock() -> TypedBlock? {
        defer { closedBlock = nil }
        return closedBlock
    }

    /// Ends the input: a block still open is an error at its `model` line.
    public mutating func finish() -> Diagnostic? {
        defer { block = nil }
        return block.map { Diagnostic(.missingEnd(model: $0.name), at: $0.location) }
    }

    /// Drops the open block without defining it (Ctrl-C at the continuation prompt).
    public mutating func discardBlock() { block = nil }

    private mutating func readInsideBlock(_ tokens: [Token], text: String) throws(Diagnostic) -> Outcome {
        guard var open = block else { preconditionFailure("no open block") }
        if case .word(let word) = tokens[0].kind, word.lowercased() == "model" {
            throw Diagnostic(.nestedModel(open: open.name), at: tokens[0].location)
        }
        switch try LayerParser.parse(tokens) {
        case .end:
            block = nil
            open.typed.close(text)
            closedBlock = open.typed
            if open.hadError && mode == .script { return .nothing }
            guard !open.definition.layers.isEmpty else { throw Diagnostic(.emptyModel(open.name), at: tokens[0].location) }
            return .command(LocatedCommand(.model(name: open.name, definition: open.definition), at: open.location,
                                           layerLocations: open.layerLocations))
        case .input(let length):
            try setInputLength(length, of: &open, at: tokens[0].location)
        case .layer(let spec, let inputLength, let setup):
            if let inputLength { try setInputLength(inputLength, of: &open, at: tokens[0].location) }
            if var setup {
                setup.layer = open.definition.layers.count
                open.definition.embeddingSetups = (open.definition.embeddingSetups ?? []) + [setup]
            }
            open.definition.layers.append(spec)
            open.layerLocations.append(tokens[0].location)
        }
        open.typed.take(text)
        block = open
        return .continuing
    }

    private func setInputLength(_ length: Int, of open: inout OpenBlock, at location: SourceLocation) throws(Diagnostic) {
        if let existing = open.definition.inputLength, existing != length {
            throw Diagnostic(.duplicateInputLength, at: location)
        }
        open.definition.inputLength = length
    }
}

/// The commands and diagnostics of a whole script.
public struct ParsedScript: Sendable {
    /// Every command, in source order.
    public var commands: [LocatedCommand]
    /// Every diagnostic, in source order (a script with any must not run past the first).
    public var diagnostics: [Diagnostic]
    /// The script's lines, for rendering diagnostics.
    public var lines: [String]

    /// The source text of 1-based line `number`, if it exists.
    public func line(_ number: Int) -> String? { lines.indices.contains(number - 1) ? lines[number - 1] : nil }
}

/// Parses a whole `.exp` script with a `StatementReader`, recovering at every line.
public enum ScriptParser {
    /// Parses `source`, the text of `file`, collecting every command and diagnostic; `parameters`
    /// holds the values given from outside (`lab run x.exp epochs=10`), each of which a `param` must declare.
    public static func parse(_ source: String, file: String, parameters: ScriptParameters = ScriptParameters()) -> ParsedScript {
        var reader = StatementReader(file: file, mode: .script, parameters: parameters)
        let lines = source.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline).map(String.init)
        var script = ParsedScript(commands: [], diagnostics: [], lines: lines)
        for line in lines {
            switch reader.read(line) {
            case .command(let command): script.commands.append(command)
            case .failed(let diagnostic): script.diagnostics.append(diagnostic)
            case .nothing, .continuing: break
            }
        }
        if let unclosed = reader.finish() { script.diagnostics.append(unclosed) }
        let declared = reader.parameters.declared.map(\.name)
        for name in reader.parameters.undeclaredOverrides {
            let hint = Suggest.closest(to: name, in: declared).map { " — did you mean '\($0)'?" }
                ?? (declared.isEmpty ? " (it has no param line)" : " (it declares \(declared.joined(separator: ", ")))")
            script.diagnostics.append(Diagnostic(.runtime("\(file) declares no parameter '\(name)'" + hint),
                                                 at: SourceLocation(file: file, line: 1, column: 1)))
        }
        return script
    }
}
