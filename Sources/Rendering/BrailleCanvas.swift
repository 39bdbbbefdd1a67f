/// A grid of braille cells, 2×4 dots each, remembering which series last drew in each cell.
struct BrailleCanvas {
    let width: Int
    let height: Int
    private var bits: [UInt8]
    private var owner: [Int]

    /// An empty canvas of `width`×`height` cells.
    init(width: Int, height: Int) {
        self.width = width
        self.height = height
        bits = Array(repeating: 0, count: width * height)
        owner = Array(repeating: -1, count: width * height)
    }

    /// Sets the dot at (x, y), x in 0..<2·width from the left, y in 0..<4·height from the top;
    /// dots outside are ignored.
    mutating func set(_ dot: (Int, Int), series: Int) {
        let (x, y) = dot
        guard x >= 0, y >= 0, x < 2 * width, y < 4 * height else { return }
        let cell = (y / 4) * width + x / 2
        // Unicode braille numbering: dots 1-2-3-7 down the left column, 4-5-6-8 down the right.
        let bit: [[UInt8]] = [[0x01, 0x02, 0x04, 0x40], [0x08, 0x10, 0x20, 0x80]]
        bits[cell] |= bit[x % 2][y % 4]
        owner[cell] = series
    }

    /// Sets the dots of a straight segment, both ends included.
    mutating func line(from a: (Int, Int), to b: (Int, Int), series: Int) {
        let steps = max(abs(b.0 - a.0), abs(b.1 - a.1))
        guard steps > 0 else { return set(a, series: series) }
        for i in 0...steps {
            let t = Double(i) / Double(steps)
            set((Int((Double(a.0) + t * Double(b.0 - a.0)).rounded()), Int((Double(a.1) + t * Double(b.1 - a.1)).rounded())), series: series)
        }
    }

    /// One row of cells as text: braille characters, blanks as spaces, trailing blanks dropped,
    /// runs of one series' colour wrapped in ANSI escapes when `colors` is set.
    func row(_ row: Int, colors: Bool) -> String {
        let cells = (0..<width).map { row * width + $0 }
        guard let lastDrawn = cells.last(where: { bits[$0] != 0 }) else { return "" }
        var out = "", current = -1
        for cell in cells where cell <= lastDrawn {
            let drawn = bits[cell] != 0
            if colors && drawn && owner[cell] != current {
                if current >= 0 { out += ChartPalette.ansiReset }
                out += ChartPalette.ansiStart(owner[cell])
                current = owner[cell]
            }
            out += drawn ? String(UnicodeScalar(0x2800 + UInt32(bits[cell]))!) : " "
        }
        if current >= 0 { out += ChartPalette.ansiReset }
        return out
    }
}
