/// Series colours shared by the terminal and SVG charts, in matplotlib's default order
/// (blue, orange, green, red, purple, cyan), cycling after six series.
enum ChartPalette {
    /// SVG colours (matplotlib's tab10).
    static let svg = ["#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd", "#17becf"]
    /// The nearest ANSI 256-colour foreground codes.
    static let ansi = [33, 208, 34, 160, 98, 37]

    /// The SVG colour of series `index`.
    static func svg(_ index: Int) -> String { svg[index % svg.count] }

    /// The ANSI escape that starts series `index`'s colour.
    static func ansiStart(_ index: Int) -> String { "\u{1B}[38;5;\(ansi[index % ansi.count])m" }

    /// The ANSI escape that resets the colour.
    static let ansiReset = "\u{1B}[0m"
}
