#pragma once

#include "views/window/view_registry.h"

#include <QMainWindow>

#include <memory>

class QActionGroup;
class QComboBox;
class QLabel;
class QMenu;
class QTabWidget;

namespace scalescope::app {
struct AppData;
class RecentFiles;
class ScenarioDocument;
} // namespace scalescope::app

namespace scalescope::views {

class FieldEditor;
class ParameterPanel;
class PresentationMode;
class SummaryStrip;
class WorkspacePanel;

/// The main window composes the docks (workspace, parameters), the linked views as tabs and the
/// summary strip; it owns menus, shortcuts, file handling and the window state. All state
/// lives in the document.
class MainWindow : public QMainWindow {
    Q_OBJECT
public:
    MainWindow(std::shared_ptr<const app::AppData> data, app::ScenarioDocument *document,
               QWidget *parent = nullptr);
    ~MainWindow() override;

    /// Opens a scenario or workspace file; shows the error and returns false when it is bad.
    bool openFile(const QString &path);
    /// Saves to `path`; shows the error and returns false when it cannot.
    bool saveTo(const QString &path);

    [[nodiscard]] QTabWidget *views() const { return m_views; }
    [[nodiscard]] ParameterPanel *parameterPanel() const { return m_parameters; }
    [[nodiscard]] WorkspacePanel *workspacePanel() const { return m_workspace; }
    [[nodiscard]] SummaryStrip *summaryStrip() const { return m_summary; }
    [[nodiscard]] PresentationMode *presentation() const { return m_presentation; }

    /// Compare mode on/off (Ctrl+K) with A and B from the toolbar.
    void setCompareMode(bool enabled);

protected:
    void closeEvent(QCloseEvent *event) override;

private:
    void buildCentralArea();
    void buildDocks();
    void buildActions();
    void syncFromDocument();
    void updateTitle();
    void rebuildRecentMenu();
    [[nodiscard]] bool maybeSave();
    void newWorkspace();
    void open();
    bool save();
    bool saveAs();
    void exportCurrentView();
    void exportReport();
    void setTheme(int themeKind);
    void showError(const QString &title, const QString &message);

    std::shared_ptr<const app::AppData> m_data;
    app::ScenarioDocument *m_document;
    ViewContext m_context;
    app::RecentFiles *m_recent;
    QTabWidget *m_views = nullptr;
    SummaryStrip *m_summary = nullptr;
    ParameterPanel *m_parameters = nullptr;
    WorkspacePanel *m_workspace = nullptr;
    PresentationMode *m_presentation = nullptr;
    QLabel *m_slideHeader = nullptr;
    QWidget *m_presentationKnob = nullptr;
    FieldEditor *m_gpuKnob = nullptr;
    QMenu *m_recentMenu = nullptr;
    QAction *m_compareAction = nullptr;
    QComboBox *m_compareA = nullptr;
    QComboBox *m_compareB = nullptr;
};

} // namespace scalescope::views
