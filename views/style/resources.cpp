#include "views/style/resources.h"

#include <QtGlobal>

// Q_INIT_RESOURCE declares a function in the global namespace, so it cannot sit inside ours.
static void registerScaleScopeResources() {
    Q_INIT_RESOURCE(scalescope);
}

namespace scalescope::views {

void initResources() {
    static const bool registered = (registerScaleScopeResources(), true);
    (void)registered;
}

} // namespace scalescope::views
