import Training

/// One named line of a chart: (x, y) points in x order, such as a history key over epochs.
public struct ChartSeries: Equatable, Sendable {
    /// The legend name: `loss`, or `lstm1 val_loss` when several models share a chart.
    public var name: String
    /// The points; non-finite y values are gaps (the line breaks there).
    public var points: [(x: Double, y: Double)]

    /// A series of explicit points.
    public init(name: String, points: [(x: Double, y: Double)]) {
        self.name = name
        self.points = points
    }

    /// The values of one history key against epoch numbers.
    /// - Parameters:
    ///   - name: the legend name.
    ///   - history: the model's history.
    ///   - key: a history key such as `loss` or `val_accuracy`.
    public init(name: String, history: History, key: String) {
        self.init(name: name, points: history.series(key).map { (Double($0.epoch), Double($0.value)) })
    }

    /// Compares names and points.
    public static func == (a: ChartSeries, b: ChartSeries) -> Bool {
        a.name == b.name && a.points.elementsEqual(b.points) { $0.x == $1.x && $0.y == $1.y }
    }
}
