#include "app/data/app_data.h"
#include "app/document/scenario_document.h"
#include "views/rack/rack_export.h"
#include "views/rack/rack_palette.h"
#include "views/rack/rack_panel.h"
#include "views/rack/rack_scene_builder.h"
#include "views/rack/rack_view.h"

#include "tests/support/rack_test_systems.h"

#include <QFile>
#include <QSet>
#include <QSvgRenderer>
#include <QTemporaryDir>
#include <QTest>

#include <cmath>

using namespace scalescope;
using namespace scalescope::views;
using models::GroupKind;

namespace {

const models::Catalog &catalog() {
    static const models::Catalog shipped = testing::shippedCatalog();
    return shipped;
}

models::Scenario scenario(const std::string &system, int gpus, int tp, int pp, int dp,
                          const std::string &name = {}) {
    models::Scenario s;
    s.name = name;
    s.hardware.systemId = system;
    s.hardware.numGpus = gpus;
    s.parallelism.tp = tp;
    s.parallelism.pp = pp;
    s.parallelism.dp = dp;
    return s;
}

models::RackJob job(const models::Scenario &s) {
    models::RackJob j;
    const auto &p = s.parallelism;
    j.worldSize = p.tp * p.cp * p.dp * p.pp;
    j.mapper = testing::tpCpEpDpPpOrder(p.tp, p.cp, p.ep, p.dp);
    j.rankOrder = "tp-cp-ep-dp-pp";
    return j;
}

RackScene sceneFor(const models::Scenario &s, RackOverlay overlay) {
    const models::RackJob j = job(s);
    return makeRackScene(catalog(), s, &j, overlay);
}

/// Device-pixel colour at the centre of GPU `gpu` in an image rendered at `scale`.
QColor gpuPixel(const RackScene &scene, const QImage &image, const QSize &size, double scale,
                int gpu) {
    const QTransform t = rackTransform(scene, QRectF(QPointF(0, 0), QSizeF(size)));
    const auto &r =
        scene.geometry
            ->items[static_cast<size_t>(scene.geometry->gpuItems[static_cast<size_t>(gpu)])]
            .rect;
    // Sample a quarter in from the left edge: clear of centred labels.
    const QPointF p = t.map(QPointF(r.x + r.width * 0.15, r.y + r.height * 0.2)) * scale;
    return image.pixelColor(p.toPoint());
}

} // namespace

class TestRackView : public QObject {
    Q_OBJECT
private slots:
    void exportsValidFiles_data() {
        QTest::addColumn<QString>("system");
        QTest::addColumn<int>("gpus");
        QTest::newRow("dgx-h100") << "dgx-h100" << 64;
        QTest::newRow("gb200-nvl72") << "gb200-nvl72" << 72;
        QTest::newRow("superpod-h100 1,024") << "superpod-h100" << 1024;
    }
    void exportsValidFiles() {
        QFETCH(QString, system);
        QFETCH(int, gpus);
        const RackScene scene =
            sceneFor(scenario(system.toStdString(), gpus, 8, 1, gpus / 8, "export test"),
                     RackOverlay::TensorGroups);
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        const QSize size(1200, 800);

        const QString png = dir.filePath(QStringLiteral("rack.png"));
        QCOMPARE(exportRack(scene, png, size), QString());
        QImage image(png);
        QVERIFY(!image.isNull());
        QCOMPARE(image.size(), size * 2); // rendered at 2x for slides
        // Not blank: the picture uses many colours.
        QSet<QRgb> colours;
        for (int y = 0; y < image.height(); y += 7)
            for (int x = 0; x < image.width(); x += 7)
                colours.insert(image.pixel(x, y));
        QVERIFY2(colours.size() > 20, qPrintable(QString::number(colours.size())));

        const QString svg = dir.filePath(QStringLiteral("rack.svg"));
        QCOMPARE(exportRack(scene, svg, size), QString());
        QSvgRenderer renderer(svg);
        QVERIFY(renderer.isValid());
        QCOMPARE(renderer.viewBoxF(), QRectF(QPointF(0, 0), QSizeF(size)));
        QFile svgFile(svg);
        QVERIFY(svgFile.open(QIODevice::ReadOnly));
        const QByteArray svgText = svgFile.readAll();
        QVERIFY(svgText.size() > 10000);
        QVERIFY(svgText.contains("export test")); // the title is real text, not pixels

        const QString pdf = dir.filePath(QStringLiteral("rack.pdf"));
        QCOMPARE(exportRack(scene, pdf, size), QString());
        QFile pdfFile(pdf);
        QVERIFY(pdfFile.open(QIODevice::ReadOnly));
        const QByteArray pdfBytes = pdfFile.readAll();
        QVERIFY(pdfBytes.startsWith("%PDF-"));
        QVERIFY(pdfBytes.trimmed().endsWith("%%EOF"));
        QVERIFY(pdfBytes.size() > 5000);

        QVERIFY(!exportRack(scene, dir.filePath(QStringLiteral("rack.bmpx")), size).isEmpty());
        QVERIFY(!exportRack(scene, QStringLiteral("/nonexistent-dir/x.png"), size).isEmpty());
    }

    void paletteStylesAreDistinct() {
        QSet<QPair<QRgb, int>> styles;
        for (int i = 0; i < kGroupStyles; ++i)
            styles.insert({groupColour(i).rgb(), static_cast<int>(groupPattern(i))});
        QCOMPARE(styles.size(), kGroupStyles);
        // The first eight are the eight Okabe-Ito colours, no hatching.
        QCOMPARE(groupColour(0), QColor(0x00, 0x72, 0xB2));
        QCOMPARE(groupColour(1), QColor(0xE6, 0x9F, 0x00));
        QCOMPARE(groupPattern(7), Qt::NoBrush);
        QCOMPARE(groupPattern(8), Qt::BDiagPattern);
    }

    void overlayColoursDifferPerGroup_data() {
        QTest::addColumn<int>("overlay");
        QTest::addColumn<int>("tp");
        QTest::addColumn<int>("pp");
        QTest::addColumn<int>("dp");
        QTest::addColumn<int>("groups");
        // 64 GPUs of DGX H100: TP 8 -> 8 TP groups, PP 4 -> 4 stages, DP 8 -> 8 replicas.
        QTest::newRow("TP groups")
            << static_cast<int>(RackOverlay::TensorGroups) << 8 << 1 << 8 << 8;
        QTest::newRow("PP stages")
            << static_cast<int>(RackOverlay::PipelineStages) << 8 << 4 << 2 << 4;
        QTest::newRow("DP replicas")
            << static_cast<int>(RackOverlay::DataReplicas) << 4 << 2 << 8 << 8;
    }
    void overlayColoursDifferPerGroup() {
        QFETCH(int, overlay);
        QFETCH(int, tp);
        QFETCH(int, pp);
        QFETCH(int, dp);
        QFETCH(int, groups);
        const RackScene scene =
            sceneFor(scenario("dgx-h100", 64, tp, pp, dp), static_cast<RackOverlay>(overlay));
        const QSize size(1400, 900);
        const QImage image = renderRackImage(scene, size, 1.0);
        const GroupKind kind = *overlayGroupKind(scene.overlay);
        QHash<int, QRgb> colourOfGroup;
        for (int gpu = 0; gpu < 64; ++gpu) {
            const int group = scene.parallel->colourClass(gpu, kind);
            const QRgb colour = gpuPixel(scene, image, size, 1.0, gpu).rgb();
            if (colourOfGroup.contains(group))
                QCOMPARE(colour, colourOfGroup[group]); // one colour per group ...
            colourOfGroup[group] = colour;
        }
        QCOMPARE(colourOfGroup.size(), groups);
        QCOMPARE(QSet<QRgb>(colourOfGroup.begin(), colourOfGroup.end()).size(),
                 groups); // ... and distinct
    }

    void hoverHighlightsTheGroups() {
        const RackScene scene =
            sceneFor(scenario("dgx-h100", 32, 8, 2, 2), RackOverlay::PipelineStages);
        RackScene hovered = scene;
        hovered.hoveredGpu = 3; // TP group 0-7, DP group {3, 11}, PP group {3, 19}
        const QSize size(1400, 900);
        const QImage plain = renderRackImage(scene, size, 1.0);
        const QImage lit = renderRackImage(hovered, size, 1.0);
        // Members keep their colour; GPUs in none of GPU 3's groups fade.
        QCOMPARE(gpuPixel(hovered, lit, size, 1.0, 5).rgb(),
                 gpuPixel(scene, plain, size, 1.0, 5).rgb());
        QCOMPARE(gpuPixel(hovered, lit, size, 1.0, 19).rgb(),
                 gpuPixel(scene, plain, size, 1.0, 19).rgb());
        QVERIFY(gpuPixel(hovered, lit, size, 1.0, 12).lightness() >
                gpuPixel(scene, plain, size, 1.0, 12).lightness());
    }

    void memoryFillColoursByHbmShare() {
        // PP 2 on 16 H100 ("80 GB" = 80 GiB usable, 85,899,345,920 B): stage 0 holds 60 GiB
        // (75%, blue), stage 1 72 GiB (90%, orange).
        const models::Scenario s = scenario("dgx-h100", 16, 8, 2, 1);
        models::RackJob j = job(s);
        constexpr double gib = 1073741824.0;
        j.stageBytes = {60.0 * gib, 72.0 * gib};
        const RackScene scene = makeRackScene(catalog(), s, &j, RackOverlay::MemoryFill);
        QCOMPARE(scene.memoryFill[0], 0.75);
        QCOMPARE(scene.memoryFill[8], 0.9);
        const QSize size(1400, 900);
        const QImage image = renderRackImage(scene, size, 1.0);
        // Sample near the bottom of each GPU box, inside the filled part.
        auto bottomPixel = [&](int gpu) {
            const QTransform t = rackTransform(scene, QRectF(QPointF(0, 0), QSizeF(size)));
            const auto &r =
                scene.geometry
                    ->items[static_cast<size_t>(scene.geometry->gpuItems[static_cast<size_t>(gpu)])]
                    .rect;
            return image.pixelColor(
                t.map(QPointF(r.x + r.width * 0.15, r.bottom() - r.height * 0.1)).toPoint());
        };
        QCOMPARE(bottomPixel(0), memoryFillColour(0.75));
        QCOMPARE(bottomPixel(8), memoryFillColour(0.9));
        QVERIFY(memoryFillColour(0.75) != memoryFillColour(0.9));
        const QString tooltip = rackTooltip(scene, scene.geometry->gpuItems[8]);
        QVERIFY2(tooltip.contains(QStringLiteral("HBM 72 GiB of 80 GiB (90")), qPrintable(tooltip));
    }

    void panelDrawsTheEvaluatedJobWithThePlannersBandwidth() {
        // Llama 3 70B, TP 8 x PP 2 x DP 4 on 64 H100 in DGX nodes: TP traffic stays on NVLink.
        const auto data = app::loadAppData();
        app::ScenarioDocument document(app::plannerEvaluator(data));
        models::Scenario s = testing::presetScenario("rack", "llama3-70b", "dgx-h100", 64, 8, 2, 4);
        document.resetWorkspace({"", "", {s}, std::nullopt}, {});
        QVERIFY(document.result()->rackJob);
        RackPanel panel(&document, &data->catalog);
        panel.rackView()->setOverlay(RackOverlay::LinkTraffic);
        panel.refreshNow();
        QCOMPARE(panel.problem(), QString());
        const RackScene &scene = panel.rackView()->scene();
        QVERIFY(scene.parallel && scene.traffic);
        QCOMPARE(scene.parallel->worldSize, 64);
        // NVLink 4 on H100: 900 GB/s both ways = 450 GB/s per direction, times the NCCL
        // achievable fraction the catalog records for it (interconnects.json, measured busbw /
        // 450): the step-time model's effective bandwidth, not the nominal 450 GB/s.
        const auto *nvlink = data->catalog.findInterconnect("nvlink4");
        QVERIFY(nvlink && nvlink->achievableFraction > 0.0 && nvlink->achievableFraction < 1.0);
        const double expected = 900e9 / 2.0 * nvlink->achievableFraction;
        bool found = false;
        for (const auto &load : scene.traffic->classes)
            if (load.linkClass == models::LinkClass::NvLink) {
                found = true;
                QVERIFY(std::fabs(load.bandwidth / expected - 1.0) < 1e-12);
                QVERIFY(load.seconds > 0.0);
            }
        QVERIFY(found);

        // An edit the planner rejects (TP 3 does not divide 64 heads): the reason is shown and
        // the last picture stays.
        models::Scenario bad = s;
        bad.parallelism.tp = 3;
        document.edit("TP", -1, bad);
        QVERIFY(!document.result()->rackJob);
        panel.refreshNow();
        QVERIFY(panel.problem().contains("tp"));
        QCOMPARE(panel.rackView()->scene().parallel->worldSize, 64);
    }

    void widgetZoomsHoversAndExplains() {
        RackView view;
        view.resize(1400, 900);
        RackScene scene =
            sceneFor(scenario("superpod-h100", 1024, 8, 4, 32), RackOverlay::TensorGroups);
        view.setScene(scene);
        view.show();
        QVERIFY(QTest::qWaitForWindowExposed(&view));
        const auto &g = *view.scene().geometry;
        auto gpuPoint = [&](int gpu) {
            const auto &r = g.items[static_cast<size_t>(g.gpuItems[static_cast<size_t>(gpu)])].rect;
            return rackTransform(view.scene(), view.canvasRect())
                .map(QPointF(r.centerX(), r.centerY()))
                .toPoint();
        };
        // Hover.
        QTest::mouseMove(view.canvas(), gpuPoint(300));
        QTRY_COMPARE(view.scene().hoveredGpu, 300);
        // Pod -> rack -> node -> GPU by double-clicks on GPU 300.
        const std::vector<models::RackItemKind> levels{models::RackItemKind::Rack,
                                                       models::RackItemKind::ComputeNode,
                                                       models::RackItemKind::Gpu};
        for (models::RackItemKind kind : levels) {
            QTest::mouseDClick(view.canvas(), Qt::LeftButton, {}, gpuPoint(300));
            QCOMPARE(g.items[static_cast<size_t>(view.scene().focusItem)].kind, kind);
        }
        QCOMPARE(g.items[static_cast<size_t>(view.scene().focusItem)].gpu, 300);
        view.zoomOut();
        QCOMPARE(g.items[static_cast<size_t>(view.scene().focusItem)].kind,
                 models::RackItemKind::ComputeNode);
        view.zoomOut();
        view.zoomOut();
        QCOMPARE(view.scene().focusItem, 0);
        // Overlay switching from the combo box keeps the scene.
        view.setOverlay(RackOverlay::PipelineStages);
        QCOMPARE(view.overlay(), RackOverlay::PipelineStages);
        // Tooltip names the rank and every group.
        const QString tip = rackTooltip(view.scene(), g.gpuItems[300]);
        QVERIFY(tip.contains(QStringLiteral("rank 300")));
        QVERIFY(tip.contains(QStringLiteral("TP group 37")));
        QVERIFY(tip.contains(QStringLiteral("PP stage 1")));
        QVERIFY(tip.contains(QStringLiteral("leaf 13"))); // SU 2, rail 4 -> leaf 8 + 4 + 1
    }

    void zoomTargets() {
        const RackScene scene =
            sceneFor(scenario("gb200-nvl72", 72, 4, 1, 18), RackOverlay::Hardware);
        const auto &g = *scene.geometry;
        const int gpuItem = g.gpuItems[10];
        const int rack = rackZoomInTarget(g, 0, gpuItem);
        QCOMPARE(g.items[static_cast<size_t>(rack)].kind, models::RackItemKind::Rack);
        const int tray = rackZoomInTarget(g, rack, gpuItem);
        QCOMPARE(g.items[static_cast<size_t>(tray)].node, 2); // GPUs 8-11 are in tray 3
        QCOMPARE(rackZoomInTarget(g, tray, gpuItem), gpuItem);
        QCOMPARE(rackZoomOutTarget(g, gpuItem), tray);
        QCOMPARE(rackZoomOutTarget(g, tray), rack);
        QCOMPARE(rackZoomOutTarget(g, rack), 0);
    }

    void screenshots() {
        // Writes the README pictures when asked: SCALESCOPE_SCREENSHOT_DIR=docs/screenshots.
        const QString dir = qEnvironmentVariable("SCALESCOPE_SCREENSHOT_DIR");
        if (dir.isEmpty())
            QSKIP("set SCALESCOPE_SCREENSHOT_DIR to write the README screenshots");
        // Llama 3 70B on one NVL72 with the planner's rank order; 576 sequences of 8,192 tokens
        // so that DP 3 divides the batch.
        models::Scenario nvl =
            testing::presetScenario("Llama 3 70B on one GB200 NVL72: TP 4 × PP 6 × DP 3",
                                    "llama3-70b", "gb200-nvl72", 72, 4, 6, 3);
        nvl.training.globalBatchTokens = 576.0 * 8192.0;
        const models::RackJob nvlJob = models::plannerRackJob(nvl, catalog(), nvl.planner);
        RackScene rack = makeRackScene(catalog(), nvl, &nvlJob, RackOverlay::PipelineStages);
        rack.outlineGroups = GroupKind::Tensor;
        rack.focusItem = rack.geometry->rackItems[0];
        QCOMPARE(exportRack(rack, dir + QStringLiteral("/rack-nvl72.png"), QSize(1100, 1000)),
                 QString());

        // 1,024 H100 in a DGX SuperPOD, Llama 3 70B with TP 8 x PP 4 x DP 32: the planner's
        // collective volumes and achievable bandwidths.
        const models::Scenario pod = testing::presetScenario(
            "Llama 3 70B on a 1,024-GPU DGX SuperPOD H100: traffic per step", "llama3-70b",
            "superpod-h100", 1024, 8, 4, 32);
        const models::RackJob podJob = models::plannerRackJob(pod, catalog(), pod.planner);
        const RackScene traffic = makeRackScene(catalog(), pod, &podJob, RackOverlay::LinkTraffic);
        // 1x: the 2x picture of a thousand cables is several MB; the README wants < 400 KB.
        QVERIFY(renderRackImage(traffic, QSize(1600, 900), 1.0)
                    .save(dir + QStringLiteral("/superpod-traffic.png")));
    }
};

QTEST_MAIN(TestRackView)
#include "tst_rack_view.moc"
