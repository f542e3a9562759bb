package io.paypulse.app.alerts;

import io.paypulse.notify.Silence;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.scene.Node;
import javafx.scene.control.ButtonType;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.control.RadioButton;
import javafx.scene.control.TextField;
import javafx.scene.control.ToggleGroup;
import javafx.scene.layout.GridPane;
import javafx.stage.Window;

/**
 * "Silence…" from an alert row: this rule (prefilled), this group or any group, how long (15 min,
 * 1 h, 4 h, 24 h or a custom "90m", "2h", "3d") and a comment. Returns a {@link SilenceDraft};
 * OK stays disabled while a custom duration cannot be read.
 */
final class SilenceDialog {

    static final String CUSTOM = "Custom…";
    private static final Map<String, Duration> CHOICES = new LinkedHashMap<>();

    static {
        CHOICES.put("15 min", Duration.ofMinutes(15));
        CHOICES.put("1 h", Duration.ofHours(1));
        CHOICES.put("4 h", Duration.ofHours(4));
        CHOICES.put("24 h", Duration.ofHours(24));
    }

    private SilenceDialog() {
    }

    static Optional<SilenceDraft> ask(AlertRow row, Window owner) {
        Dialog<SilenceDraft> d = new Dialog<>();
        d.setTitle("Silence alerts");
        d.setHeaderText("Silence " + row.rule() + ": its alerts are still recorded and shown, only not delivered.");
        if (owner != null) {
            d.initOwner(owner);
        }
        ToggleGroup groups = new ToggleGroup();
        RadioButton thisGroup = new RadioButton("This group (" + row.group() + ")");
        thisGroup.setId("silenceThisGroup");
        thisGroup.setToggleGroup(groups);
        thisGroup.setSelected(true);
        RadioButton anyGroup = new RadioButton("Any group");
        anyGroup.setId("silenceAnyGroup");
        anyGroup.setToggleGroup(groups);

        ComboBox<String> duration = new ComboBox<>();
        duration.setId("silenceDuration");
        duration.getItems().addAll(CHOICES.keySet());
        duration.getItems().add(CUSTOM);
        duration.setValue("1 h");
        TextField custom = new TextField();
        custom.setId("silenceCustom");
        custom.setPromptText("e.g. 90m, 2h, 3d (at most 30 days)");
        var isCustom = duration.valueProperty().isEqualTo(CUSTOM);
        // Always laid out (enabled for Custom only) so the dialog never needs to grow.
        custom.disableProperty().bind(isCustom.not());
        Label problem = new Label("Type a duration such as 90m, 2h or 3d, up to 30 days.");
        problem.getStyleClass().add("secret-hint");
        BooleanBinding unreadable = Bindings.createBooleanBinding(
                () -> CUSTOM.equals(duration.getValue()) && SilenceDraft.parseDuration(custom.getText()).isEmpty(),
                duration.valueProperty(), custom.textProperty());
        problem.visibleProperty().bind(unreadable.and(custom.textProperty().isNotEmpty()));

        TextField comment = new TextField();
        comment.setId("silenceComment");
        comment.setPromptText("Why (shown in the Silences list)");

        GridPane grid = new GridPane();
        grid.setHgap(10);
        grid.setVgap(8);
        grid.addRow(0, new Label("Rule"), new Label(row.rule()));
        grid.addRow(1, new Label("Group"), thisGroup);
        grid.add(anyGroup, 1, 2);
        grid.addRow(3, new Label("For"), duration);
        grid.add(custom, 1, 4);
        grid.add(problem, 1, 5);
        grid.addRow(6, new Label("Comment"), comment);
        d.getDialogPane().setContent(grid);
        d.getDialogPane().getButtonTypes().addAll(ButtonType.OK, ButtonType.CANCEL);
        Node ok = d.getDialogPane().lookupButton(ButtonType.OK);
        ok.setId("silenceOkButton");
        ok.disableProperty().bind(unreadable);
        d.setResultConverter(b -> {
            if (b != ButtonType.OK) {
                return null;
            }
            Duration chosen = CUSTOM.equals(duration.getValue())
                    ? SilenceDraft.parseDuration(custom.getText()).orElseThrow()
                    : CHOICES.get(duration.getValue());
            return new SilenceDraft(row.rule(), anyGroup.isSelected() ? Silence.ANY : row.group(), chosen,
                    comment.getText());
        });
        return d.showAndWait();
    }
}
