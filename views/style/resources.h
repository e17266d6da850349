#pragma once

namespace scalescope::views {

/// Registers the compiled-in icons and style sheets (resources/scalescope.qrc). The views
/// library is static, so its resources need this once before first use; calling it again is
/// harmless.
void initResources();

} // namespace scalescope::views
