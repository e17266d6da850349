#pragma once

#include <QList>

class QBarSet;

namespace scalescope::views {

/// Sets a bar set's values in place when the count is unchanged (no bars are rebuilt), else
/// replaces them all at once.
void replaceValues(QBarSet *set, const QList<qreal> &values);

} // namespace scalescope::views
