import Training

/// `plot MODEL roc on DATA.split`: the ROC curve against the chance diagonal, through the shared
/// terminal and SVG line charts, with the AUC in the title.
public enum ROCChart {
    /// `lstm1 ROC on reviews.test (AUC 0.9123)`.
    public static func title(_ curve: ROCCurve, model: String, data: String) -> String {
        "\(model) ROC on \(data) (AUC \(KerasFormat.metric(curve.auc)))"
    }

    /// The braille chart under its title line.
    public static func terminal(_ curve: ROCCurve, model: String, data: String, colors: Bool,
                                width: Int = 60, height: Int = 15) -> String {
        title(curve, model: model, data: data) + "\n"
            + TerminalChart.render(series(curve, model: model), width: width, height: height, colors: colors, xTitle: xTitle)
    }

    /// The SVG document.
    public static func svg(_ curve: ROCCurve, model: String, data: String) -> String {
        SVGChart.render(series(curve, model: model), title: title(curve, model: model, data: data),
                        xTitle: xTitle, yTitle: "true positive rate")
    }

    private static let xTitle = "false positive rate"

    private static func series(_ curve: ROCCurve, model: String) -> [ChartSeries] {
        [ChartSeries(name: "\(model) ROC", points: curve.points.map { ($0.fpr, $0.tpr) }),
         ChartSeries(name: "chance", points: [(0, 0), (1, 1)])]
    }
}
