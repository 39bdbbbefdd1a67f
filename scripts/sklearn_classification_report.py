"""The scikit-learn reference for Tests/RenderingTests/ClassificationReportTextTests.swift.

Prints scikit-learn's confusion matrix, classification report and ROC curve for the
fixed inputs the Swift tests use; the report text (lines 4-12) is the golden file
Tests/RenderingTests/Golden/classification_report_sklearn.txt.

    python3 -m venv /tmp/skl && /tmp/skl/bin/pip install scikit-learn
    /tmp/skl/bin/python scripts/sklearn_classification_report.py
"""
from sklearn.metrics import classification_report, confusion_matrix, roc_auc_score, roc_curve

# Three classes, one never predicted (its precision divides by zero and is 0).
y_true = [0, 0, 0, 1, 1, 2, 2, 2, 2]
y_pred = [0, 0, 1, 1, 0, 0, 0, 1, 1]
print(confusion_matrix(y_true, y_pred, labels=[0, 1, 2]))
print(classification_report(y_true, y_pred, labels=[0, 1, 2], target_names=["negative", "neutral", "positive"],
                            zero_division=0), end="")

# The ROC fixture of Tests/TrainingTests/ROCCurveTests.swift.
scores = [0.9, 0.8, 0.8, 0.4, 0.3, 0.1]
targets = [1, 1, 0, 1, 0, 0]
fpr, tpr, _ = roc_curve(targets, scores, drop_intermediate=False)
print("fpr", [round(float(x), 4) for x in fpr])
print("tpr", [round(float(x), 4) for x in tpr])
print("auc", round(float(roc_auc_score(targets, scores)), 4))
