#include "views/charts/chart_series.h"

#include <QBarSet>

namespace scalescope::views {

void replaceValues(QBarSet *set, const QList<qreal> &values) {
    if (set->count() == values.size()) {
        for (int i = 0; i < values.size(); ++i)
            if (set->at(i) != values[i])
                set->replace(i, values[i]);
        return;
    }
    set->remove(0, set->count());
    set->append(values);
}

} // namespace scalescope::views
