package io.paypulse.app.dashboard;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiConsumer;
import javafx.geometry.Point2D;
import javafx.scene.Cursor;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.chart.NumberAxis;
import javafx.scene.chart.XYChart;
import javafx.scene.control.Button;
import javafx.scene.control.TextInputControl;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.ToggleGroup;
import javafx.scene.input.KeyEvent;
import javafx.scene.input.MouseButton;
import javafx.scene.input.MouseEvent;
import javafx.scene.input.ScrollEvent;

/**
 * The charts' range controls, wired to {@link DashboardViewModel}: preset buttons and Live, mouse wheel
 * zoom and drag pan on every minute chart (they share one range), double-click on a point, and the
 * keyboard shortcuts (listed for users in {@link io.paypulse.app.help.KeyboardShortcuts}). Only binds; the range math is {@link ChartWindow}.
 */
final class RangeControls {

    static final double WHEEL_ZOOM = 0.8;
    static final double KEY_ZOOM = 0.5;
    static final double KEY_PAN = 0.25;

    private static final DateTimeFormatter DAY_TIME = DateTimeFormatter.ofPattern("EEE d MMM HH:mm")
            .withZone(ZoneId.systemDefault());
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm").withZone(ZoneId.systemDefault());

    private final DashboardViewModel vm;
    private final ToggleGroup group = new ToggleGroup();
    private Map<TimeRange, ToggleButton> buttons;
    private boolean syncing;

    RangeControls(DashboardViewModel vm) {
        this.vm = vm;
    }

    /** The preset buttons follow the range (none selected after a zoom); Live is highlighted when not following. */
    void bind(Map<TimeRange, ToggleButton> presets, Button live) {
        this.buttons = presets;
        presets.forEach((r, b) -> {
            b.setToggleGroup(group);
            b.setUserData(r);
            b.setFocusTraversable(false);
        });
        live.setFocusTraversable(false);
        group.selectedToggleProperty().addListener((o, was, now) -> {
            if (syncing) {
                return;
            }
            if (now == null) {
                syncing = true;
                try {
                    group.selectToggle(was); // a second click on the selected preset keeps it
                } finally {
                    syncing = false;
                }
                vm.selectRange((TimeRange) was.getUserData());
            } else {
                vm.selectRange((TimeRange) now.getUserData());
            }
        });
        vm.rangeProperty().addListener((o, a, r) -> syncButtons());
        vm.liveProperty().addListener((o, a, l) -> syncButtons());
        live.disableProperty().bind(vm.liveProperty());
        syncButtons();
    }

    private void syncButtons() {
        syncing = true;
        try {
            TimeRange r = vm.rangeProperty().get();
            group.selectToggle(r == null ? null : buttons.get(r));
        } finally {
            syncing = false;
        }
    }

    /** Wheel, drag and double-click on one chart. */
    void attach(XYChart<Number, Number> chart, TimeAxis x, NumberAxis y, List<ChartSeries> series,
            BiConsumer<ChartSeries, Instant> opened) {
        double[] dragX = {Double.NaN};
        chart.addEventHandler(ScrollEvent.SCROLL, e -> {
            if (e.getDeltaY() == 0) {
                return;
            }
            double anchor = x.getValueForDisplay(x.sceneToLocal(e.getSceneX(), e.getSceneY()).getX()).doubleValue();
            vm.zoom(e.getDeltaY() > 0 ? WHEEL_ZOOM : 1 / WHEEL_ZOOM, anchor);
            e.consume();
        });
        chart.addEventHandler(MouseEvent.MOUSE_PRESSED, e -> {
            chart.requestFocus(); // out of the rate field: the shortcuts work after a click on a chart
            if (e.getButton() == MouseButton.PRIMARY) {
                dragX[0] = e.getSceneX();
            }
        });
        chart.addEventHandler(MouseEvent.MOUSE_DRAGGED, e -> {
            if (Double.isNaN(dragX[0]) || x.getWidth() <= 0) {
                return;
            }
            double dx = e.getSceneX() - dragX[0];
            dragX[0] = e.getSceneX();
            chart.setCursor(Cursor.CLOSED_HAND);
            vm.pan(-dx * vm.window().span() / x.getWidth()); // drag right: back in time
        });
        chart.addEventHandler(MouseEvent.MOUSE_RELEASED, e -> {
            dragX[0] = Double.NaN;
            chart.setCursor(Cursor.DEFAULT);
        });
        chart.addEventHandler(MouseEvent.MOUSE_CLICKED, e -> {
            if (e.getButton() != MouseButton.PRIMARY || e.getClickCount() != 2) {
                return;
            }
            Point2D px = x.sceneToLocal(e.getSceneX(), e.getSceneY());
            Point2D py = y.sceneToLocal(e.getSceneX(), e.getSceneY());
            if (px.getX() < 0 || px.getX() > x.getWidth()) {
                return;
            }
            long minute = (long) Math.floor(x.getValueForDisplay(px.getX()).doubleValue());
            double value = y.getValueForDisplay(py.getY()).doubleValue();
            Optional<ChartSeries> hit = vm.nearest(series, minute, value);
            hit.ifPresent(s -> opened.accept(s, Instant.ofEpochSecond(minute * 60)));
            e.consume();
        });
    }

    /** Keyboard shortcuts while the dashboard is on screen and no text field has the focus. */
    void keys(Node root) {
        root.sceneProperty().addListener((o, old, scene) -> {
            if (scene != null) {
                install(scene, root);
            }
        });
        if (root.getScene() != null) {
            install(root.getScene(), root);
        }
    }

    private void install(Scene scene, Node root) {
        if (Boolean.TRUE.equals(scene.getProperties().get(RangeControls.class))) {
            return;
        }
        scene.getProperties().put(RangeControls.class, Boolean.TRUE);
        scene.addEventHandler(KeyEvent.KEY_PRESSED, e -> {
            if (!showing(root) || e.getTarget() instanceof TextInputControl || e.isControlDown() || e.isAltDown()
                    || e.isMetaDown() || e.isShortcutDown()) {
                return;
            }
            if (handle(e)) {
                e.consume();
            }
        });
    }

    private boolean handle(KeyEvent e) {
        switch (e.getCode()) {
            case DIGIT1, NUMPAD1 -> vm.selectRange(TimeRange.MINUTES_15);
            case DIGIT2, NUMPAD2 -> vm.selectRange(TimeRange.HOUR_1);
            case DIGIT3, NUMPAD3 -> vm.selectRange(TimeRange.HOURS_6);
            case DIGIT4, NUMPAD4 -> vm.selectRange(TimeRange.HOURS_24);
            case DIGIT5, NUMPAD5 -> vm.selectRange(TimeRange.DAYS_7);
            case PLUS, ADD, EQUALS -> vm.zoomCentered(KEY_ZOOM);
            case MINUS, SUBTRACT -> vm.zoomCentered(1 / KEY_ZOOM);
            case LEFT -> vm.panBy(-KEY_PAN);
            case RIGHT -> vm.panBy(KEY_PAN);
            case L -> vm.goLive();
            default -> {
                return false;
            }
        }
        return true;
    }

    /** On screen: it and every parent visible (a TabPane hides the content of the other tabs). */
    private static boolean showing(Node n) {
        for (Node p = n; p != null; p = p.getParent()) {
            if (!p.isVisible()) {
                return false;
            }
        }
        return n.getScene() != null;
    }

    /** "Thu 3 Dec 10:05 – 11:05 · live" for the toolbar. */
    static String describe(double lower, double upper, boolean live) {
        Instant a = Instant.ofEpochSecond(Math.round(lower * 60));
        Instant b = Instant.ofEpochSecond(Math.round(upper * 60));
        ZoneId zone = ZoneId.systemDefault();
        boolean sameDay = a.atZone(zone).toLocalDate().equals(b.minusNanos(1).atZone(zone).toLocalDate());
        return DAY_TIME.format(a) + " – " + (sameDay ? TIME.format(b) : DAY_TIME.format(b)) + (live ? " · live" : "");
    }
}
