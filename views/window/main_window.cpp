#include "views/window/main_window.h"

#include "app/data/app_data.h"
#include "app/document/recent_files.h"
#include "app/document/scenario_document.h"
#include "app/document/workspace_file.h"
#include "models/core/input_error.h"
#include "views/export/view_export.h"
#include "views/panels/field_editor.h"
#include "views/panels/parameter_panel.h"
#include "views/panels/summary_strip.h"
#include "views/panels/workspace_panel.h"
#include "views/style/theme.h"
#include "views/window/presentation_mode.h"

#include <QAction>
#include <QActionGroup>
#include <QApplication>
#include <QCloseEvent>
#include <QComboBox>
#include <QDockWidget>
#include <QFileDialog>
#include <QFileInfo>
#include <QHBoxLayout>
#include <QLabel>
#include <QListWidget>
#include <QMenuBar>
#include <QMessageBox>
#include <QScreen>
#include <QSettings>
#include <QSignalBlocker>
#include <QSlider>
#include <QStatusBar>
#include <QTabWidget>
#include <QToolBar>
#include <QUndoStack>
#include <QVBoxLayout>

#include <exception>

namespace scalescope::views {

namespace {
constexpr const char *kWorkspaceFilter = "ScaleScope workspace (*.json)";
constexpr const char *kGpuKey = "/hardware/num_gpus";

/// The platform's bindings for `standard` plus `extra`, each once: registering the same
/// sequence on two actions, or twice on one, makes Qt report an ambiguous shortcut and fire
/// neither.
QList<QKeySequence> shortcutsFor(QKeySequence::StandardKey standard,
                                 std::initializer_list<QKeySequence> extra) {
    QList<QKeySequence> keys;
    for (const QKeySequence &key : QKeySequence::keyBindings(standard))
        if (!key.isEmpty() && !keys.contains(key))
            keys << key;
    for (const QKeySequence &key : extra)
        if (!keys.contains(key))
            keys << key;
    return keys;
}
} // namespace

MainWindow::MainWindow(std::shared_ptr<const app::AppData> data, app::ScenarioDocument *document,
                       QWidget *parent)
    : QMainWindow(parent)
    , m_data(std::move(data))
    , m_document(document)
    , m_context{document, m_data->fieldContext(), &m_data->fields, m_data.get()}
    , m_recent(new app::RecentFiles(this)) {
    setWindowIcon(QIcon(":/icons/scalescope.svg"));
    setDockOptions(AnimatedDocks | AllowTabbedDocks);
    buildCentralArea();
    buildDocks();
    buildActions();
    connect(m_document, &app::ScenarioDocument::changed, this, &MainWindow::syncFromDocument);
    connect(m_document, &app::ScenarioDocument::dirtyChanged, this, &MainWindow::updateTitle);
    connect(m_document, &app::ScenarioDocument::filePathChanged, this, &MainWindow::updateTitle);
    connect(m_recent, &app::RecentFiles::changed, this, &MainWindow::rebuildRecentMenu);

    QSettings settings;
    if (!restoreGeometry(settings.value("window/geometry").toByteArray())) {
        const QRect available = screen()->availableGeometry();
        resize(available.size() * 0.9);
    }
    restoreState(settings.value("window/state").toByteArray());
    m_views->setCurrentIndex(settings.value("window/view", 0).toInt());
    syncFromDocument();
    updateTitle();
}

MainWindow::~MainWindow() = default;

void MainWindow::buildCentralArea() {
    auto *central = new QWidget(this);
    auto *column = new QVBoxLayout(central);
    column->setContentsMargins(0, 0, 0, 0);
    column->setSpacing(0);

    // The slide bar (presentation only): the scenario names and the one knob a presenter
    // drags, side by side so a 720-px projector keeps its height for the charts.
    auto *slideBar = new QWidget(central);
    auto *slideRow = new QHBoxLayout(slideBar);
    slideRow->setContentsMargins(0, 0, 0, 0);
    slideRow->setSpacing(0);
    m_slideHeader = new QLabel(slideBar);
    m_slideHeader->setObjectName("slideHeader");
    m_slideHeader->setAlignment(Qt::AlignCenter);
    m_slideHeader->setMargin(8);
    m_slideHeader->setWordWrap(true); // long "A vs B" names wrap instead of widening the window
    slideRow->addWidget(m_slideHeader, 3);
    column->addWidget(slideBar);

    m_views = new QTabWidget(central);
    m_views->setDocumentMode(true);
    for (const auto &view : viewRegistry())
        m_views->addTab(view.create(m_context, m_views), view.title);
    column->addWidget(m_views, 1);

    // The one knob a presenter drags, shown only while presenting (docks are hidden then).
    m_presentationKnob = new QWidget(slideBar);
    m_presentationKnob->setObjectName("presentationKnob");
    auto *knobRow = new QHBoxLayout(m_presentationKnob);
    knobRow->setContentsMargins(24, 6, 24, 6);
    if (const auto *gpus = m_data->fields.find(kGpuKey)) {
        knobRow->addWidget(new QLabel(gpus->label, m_presentationKnob));
        m_gpuKnob = new FieldEditor(*gpus, m_context.fields, m_presentationKnob);
        if (m_gpuKnob->slider())
            m_gpuKnob->slider()->setFocusPolicy(Qt::NoFocus);
        knobRow->addWidget(m_gpuKnob, 1);
    }
    slideRow->addWidget(m_presentationKnob, 2);

    m_summary = new SummaryStrip(m_document, central);
    column->addWidget(m_summary);
    setCentralWidget(central);
}

void MainWindow::buildDocks() {
    auto *workspaceDock = new QDockWidget(tr("Workspace"), this);
    workspaceDock->setObjectName("workspaceDock");
    m_workspace = new WorkspacePanel(m_document, workspaceDock);
    workspaceDock->setWidget(m_workspace);
    addDockWidget(Qt::LeftDockWidgetArea, workspaceDock);
    connect(m_workspace, &WorkspacePanel::addRequested, this, [this] {
        models::Scenario scenario = app::defaultScenario(m_data->fields, m_context.fields);
        scenario.name = tr("New scenario").toStdString();
        m_document->addScenario(scenario);
    });

    auto *parameterDock = new QDockWidget(tr("Parameters"), this);
    parameterDock->setObjectName("parameterDock");
    m_parameters = new ParameterPanel(m_document, m_data->fields, m_context.fields, parameterDock);
    parameterDock->setWidget(m_parameters);
    parameterDock->setMinimumWidth(380);
    addDockWidget(Qt::LeftDockWidgetArea, parameterDock);
    splitDockWidget(workspaceDock, parameterDock, Qt::Vertical);
    resizeDocks({workspaceDock, parameterDock}, {170, 700}, Qt::Vertical);
    if (m_gpuKnob)
        m_parameters->attachEditor(m_gpuKnob);

    m_presentation =
        new PresentationMode(this, m_document, m_views, {m_slideHeader, m_presentationKnob});
}

void MainWindow::buildActions() {
    auto *file = menuBar()->addMenu(tr("&File"));
    file->addAction(tr("&New workspace"), QKeySequence::New, this, &MainWindow::newWorkspace);
    file->addAction(tr("&Open…"), QKeySequence::Open, this, &MainWindow::open);
    m_recentMenu = file->addMenu(tr("Open &recent"));
    rebuildRecentMenu();
    file->addAction(tr("&Save"), QKeySequence::Save, this, &MainWindow::save);
    file->addAction(tr("Save &as…"), this, &MainWindow::saveAs)
        ->setShortcuts(
            shortcutsFor(QKeySequence::SaveAs, {QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_S)}));
    file->addSeparator();
    auto *exportView =
        file->addAction(QIcon(":/icons/export.svg"), tr("&Export view…"),
                        QKeySequence(Qt::CTRL | Qt::Key_E), this, &MainWindow::exportCurrentView);
    file->addAction(tr("Export workspace &report (PDF)…"), this, &MainWindow::exportReport);
    file->addSeparator();
    file->addAction(tr("&Quit"), QKeySequence::Quit, this, &QWidget::close);

    auto *edit = menuBar()->addMenu(tr("&Edit"));
    auto *undo = m_document->undoStack()->createUndoAction(this, tr("&Undo"));
    undo->setIcon(QIcon(":/icons/undo.svg"));
    undo->setShortcuts(shortcutsFor(QKeySequence::Undo, {QKeySequence(Qt::CTRL | Qt::Key_Z)}));
    auto *redo = m_document->undoStack()->createRedoAction(this, tr("&Redo"));
    redo->setIcon(QIcon(":/icons/redo.svg"));
    redo->setShortcuts(
        shortcutsFor(QKeySequence::Redo, {QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_Z),
                                          QKeySequence(Qt::CTRL | Qt::Key_Y)}));
    edit->addAction(undo);
    edit->addAction(redo);

    auto *view = menuBar()->addMenu(tr("&View"));
    for (int i = 0; i < m_views->count(); ++i) {
        auto *action =
            view->addAction(m_views->tabText(i), this, [this, i] { m_views->setCurrentIndex(i); });
        if (i < 9)
            action->setShortcut(QKeySequence(Qt::CTRL | static_cast<Qt::Key>(Qt::Key_1 + i)));
    }
    view->addSeparator();
    m_compareAction = view->addAction(QIcon(":/icons/compare.svg"), tr("&Compare A | B"));
    m_compareAction->setCheckable(true);
    m_compareAction->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_K));
    connect(m_compareAction, &QAction::toggled, this, &MainWindow::setCompareMode);
    view->addAction(m_presentation->toggleAction());
    auto *themes = view->addMenu(tr("&Theme"));
    auto *themeGroup = new QActionGroup(this);
    for (const auto &[name, kind] :
         {std::pair{tr("Light"), ThemeKind::Light}, std::pair{tr("Dark"), ThemeKind::Dark}}) {
        auto *action = themes->addAction(name, this, [this, kind] { setTheme(int(kind)); });
        action->setCheckable(true);
        action->setChecked(currentThemeKind() == kind);
        themeGroup->addAction(action);
    }
    for (auto *dock : findChildren<QDockWidget *>())
        view->addAction(dock->toggleViewAction());

    auto *scenario = menuBar()->addMenu(tr("&Scenario"));
    scenario->addAction(tr("&Add"), m_workspace, &WorkspacePanel::addRequested);
    scenario->addAction(tr("&Duplicate"), QKeySequence(Qt::CTRL | Qt::Key_D), this,
                        [this] { m_document->duplicateScenario(m_document->currentIndex()); });
    scenario->addAction(tr("&Rename"), QKeySequence(Qt::Key_F2), this, [this] {
        m_workspace->list()->editItem(m_workspace->list()->currentItem());
    });
    scenario->addAction(tr("&Delete"), this,
                        [this] { m_document->removeScenario(m_document->currentIndex()); });
    scenario->addSeparator();
    scenario->addAction(tr("&Next"), QKeySequence(Qt::CTRL | Qt::Key_PageDown), this,
                        [this] { m_document->setCurrentIndex(m_document->currentIndex() + 1); });
    scenario->addAction(tr("&Previous"), QKeySequence(Qt::CTRL | Qt::Key_PageUp), this,
                        [this] { m_document->setCurrentIndex(m_document->currentIndex() - 1); });

    auto *toolBar = addToolBar(tr("Main"));
    toolBar->setObjectName("mainToolBar");
    toolBar->setMovable(false);
    toolBar->addAction(undo);
    toolBar->addAction(redo);
    toolBar->addAction(exportView);
    toolBar->addSeparator();
    toolBar->addAction(m_compareAction);
    m_compareA = new QComboBox(toolBar);
    m_compareB = new QComboBox(toolBar);
    for (auto *combo : {m_compareA, m_compareB}) {
        combo->setSizeAdjustPolicy(QComboBox::AdjustToMinimumContentsLengthWithIcon);
        combo->setMinimumContentsLength(24);
        combo->setToolTip(tr("Scenario %1 of the comparison").arg(combo == m_compareA ? "A" : "B"));
        connect(combo, &QComboBox::activated, this, [this] { setCompareMode(true); });
    }
    toolBar->addWidget(new QLabel(tr(" A "), toolBar));
    toolBar->addWidget(m_compareA);
    toolBar->addWidget(new QLabel(tr(" B "), toolBar));
    toolBar->addWidget(m_compareB);
    toolBar->addSeparator();
    toolBar->addAction(m_presentation->toggleAction());
    statusBar()->showMessage(tr("Ready"), 2000);
}

void MainWindow::setCompareMode(bool enabled) {
    {
        const QSignalBlocker blocker(m_compareAction);
        m_compareAction->setChecked(enabled && m_document->count() >= 2);
    }
    int a = std::max(0, m_compareA->currentIndex());
    int b = m_compareB->currentIndex() >= 0 ? m_compareB->currentIndex() : 1;
    m_document->setComparison({enabled, a, b});
}

void MainWindow::syncFromDocument() {
    const auto &comparison = m_document->comparison();
    for (auto *combo : {m_compareA, m_compareB}) {
        const QSignalBlocker blocker(combo);
        combo->clear();
        for (const auto &scenario : m_document->workspace().scenarios)
            combo->addItem(QString::fromStdString(scenario.name));
    }
    m_compareA->setCurrentIndex(comparison.a);
    m_compareB->setCurrentIndex(comparison.b);
    {
        const QSignalBlocker blocker(m_compareAction);
        m_compareAction->setChecked(comparison.enabled);
    }
    m_compareAction->setEnabled(m_document->count() >= 2);
    const QString name =
        comparison.enabled
            ? tr("A: %1   vs   B: %2")
                  .arg(QString::fromStdString(m_document->scenarioAt(comparison.a).name),
                       QString::fromStdString(m_document->scenarioAt(comparison.b).name))
            : QString::fromStdString(m_document->current().name);
    m_slideHeader->setText(
        QStringLiteral("<b>%1</b> &nbsp; <span style='color:gray'>%2 / %3</span>")
            .arg(name.toHtmlEscaped())
            .arg(m_document->currentIndex() + 1)
            .arg(m_document->count()));
}

void MainWindow::updateTitle() {
    const QString file = m_document->filePath().isEmpty()
                             ? tr("untitled")
                             : QFileInfo(m_document->filePath()).fileName();
    setWindowFilePath(m_document->filePath());
    setWindowTitle(file + "[*] — ScaleScope");
    setWindowModified(m_document->isDirty());
}

void MainWindow::rebuildRecentMenu() {
    m_recentMenu->clear();
    for (const QString &path : m_recent->files())
        m_recentMenu
            ->addAction(QFileInfo(path).fileName(), this,
                        [this, path] {
                            if (maybeSave())
                                openFile(path);
                        })
            ->setToolTip(path);
    m_recentMenu->setEnabled(!m_recent->files().isEmpty());
}

bool MainWindow::openFile(const QString &path) {
    // Any failure (bad input, an exception from deeper down) leaves the open workspace as it
    // was: resetWorkspace runs only after the file has been read completely.
    try {
        m_document->resetWorkspace(app::readWorkspaceFile(path, *m_data), path);
        m_recent->add(path);
        statusBar()->showMessage(tr("Opened %1").arg(path), 4000);
        return true;
    } catch (const std::exception &error) {
        m_recent->remove(path);
        showError(tr("Cannot open workspace"), QString::fromUtf8(error.what()));
        return false;
    }
}

bool MainWindow::saveTo(const QString &path) {
    try {
        app::writeWorkspaceFile(path, m_document->workspace(), *m_data);
        m_document->markSaved(path);
        m_recent->add(path);
        statusBar()->showMessage(tr("Saved %1").arg(path), 4000);
        return true;
    } catch (const std::exception &error) {
        showError(tr("Cannot save workspace"), QString::fromUtf8(error.what()));
        return false;
    }
}

bool MainWindow::maybeSave() {
    if (!m_document->isDirty())
        return true;
    const auto answer = QMessageBox::warning(
        this, tr("Unsaved changes"), tr("The workspace has unsaved changes. Save them?"),
        QMessageBox::Save | QMessageBox::Discard | QMessageBox::Cancel, QMessageBox::Save);
    if (answer == QMessageBox::Save)
        return save();
    return answer == QMessageBox::Discard;
}

void MainWindow::newWorkspace() {
    if (!maybeSave())
        return;
    models::Workspace workspace;
    models::Scenario scenario = app::defaultScenario(m_data->fields, m_context.fields);
    scenario.name = tr("New scenario").toStdString();
    workspace.scenarios.push_back(scenario);
    m_document->resetWorkspace(workspace, {});
}

void MainWindow::open() {
    if (!maybeSave())
        return;
    const QString path = QFileDialog::getOpenFileName(
        this, tr("Open workspace"), QFileInfo(m_document->filePath()).absolutePath(),
        tr(kWorkspaceFilter));
    if (!path.isEmpty())
        openFile(path);
}

bool MainWindow::save() {
    return m_document->filePath().isEmpty() ? saveAs() : saveTo(m_document->filePath());
}

bool MainWindow::saveAs() {
    const QString path = QFileDialog::getSaveFileName(this, tr("Save workspace"),
                                                      m_document->filePath(), tr(kWorkspaceFilter));
    return !path.isEmpty() && saveTo(path);
}

void MainWindow::exportCurrentView() {
    const QString name = m_views->tabText(m_views->currentIndex()).toLower().remove('&');
    QString selected;
    const QString path = QFileDialog::getSaveFileName(
        this, tr("Export view"), name + ".png",
        tr("PNG image, 2× for slides (*.png);;SVG vector image (*.svg);;PDF document (*.pdf)"),
        &selected);
    if (path.isEmpty())
        return;
    try {
        exportWidget(m_views->currentWidget(), path);
        statusBar()->showMessage(tr("Exported %1").arg(path), 4000);
    } catch (const std::exception &error) {
        showError(tr("Export failed"), QString::fromUtf8(error.what()));
    }
}

void MainWindow::exportReport() {
    const QString path = QFileDialog::getSaveFileName(
        this, tr("Export workspace report"), "scalescope-report.pdf", tr("PDF document (*.pdf)"));
    if (path.isEmpty())
        return;
    try {
        views::exportReport(m_context, path);
        statusBar()->showMessage(tr("Exported %1").arg(path), 4000);
    } catch (const std::exception &error) {
        showError(tr("Export failed"), QString::fromUtf8(error.what()));
    }
}

void MainWindow::setTheme(int themeKind) {
    applyTheme(*qApp, Theme::make(static_cast<ThemeKind>(themeKind)));
    QSettings().setValue("window/theme", themeKind);
}

void MainWindow::showError(const QString &title, const QString &message) {
    statusBar()->showMessage(message, 8000);
    QMessageBox::warning(this, title, message);
}

void MainWindow::closeEvent(QCloseEvent *event) {
    if (m_presentation->isActive())
        m_presentation->leave();
    if (!maybeSave()) {
        event->ignore();
        return;
    }
    QSettings settings;
    settings.setValue("window/geometry", saveGeometry());
    settings.setValue("window/state", saveState());
    settings.setValue("window/view", m_views->currentIndex());
    event->accept();
}

} // namespace scalescope::views
