#include "views/panels/explanation_text.h"

namespace scalescope::views {

namespace {
QString escaped(const std::string &text) {
    return QString::fromStdString(text).toHtmlEscaped().replace('\n', "<br>");
}
} // namespace

QString explanationTooltip(const models::ScenarioResult &result, const QString &key,
                           const QString &headline) {
    QString html = "<p style='white-space:pre-wrap'><b>" + headline.toHtmlEscaped() + "</b>";
    if (!result.name.empty())
        html += "<br><i>" + escaped(result.name) + "</i>";
    const auto it = result.explanations.find(key.toStdString());
    if (it != result.explanations.end()) {
        const auto &explanation = it->second;
        if (!explanation.formula.empty())
            html += "<br><br><b>Formula</b><br>" + escaped(explanation.formula);
        if (!explanation.inputs.empty())
            html += "<br><br><b>Inputs</b><br>" + escaped(explanation.inputs);
        if (!explanation.sources.empty())
            html += "<br><br><b>Sources</b><br>" + escaped(explanation.sources);
    }
    return html + "</p>";
}

} // namespace scalescope::views
