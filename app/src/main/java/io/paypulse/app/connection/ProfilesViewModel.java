package io.paypulse.app.connection;

import io.paypulse.app.session.ConnectionMode;
import io.paypulse.config.ConfigException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import javafx.beans.binding.Bindings;
import javafx.beans.property.ReadOnlyIntegerProperty;
import javafx.beans.property.ReadOnlyIntegerWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import org.apache.kafka.clients.CommonClientConfigs;

/**
 * Saved connection profiles: the list, the active one, and the commands to create, rename, delete,
 * switch and import a client properties file. The active profile is edited through the connection's
 * own fields (mode, servers, client config file, inline properties): this view model loads a
 * profile into them on a switch and writes their edits back into the profile.
 *
 * <p>FX thread only. {@link #revisionProperty()} moves on every change worth saving.
 */
public final class ProfilesViewModel {

    private final ConnectionViewModel connection;
    private final List<ConnectionProfile> profiles = new ArrayList<>();
    private final ObservableList<String> names = FXCollections.observableArrayList();
    private final ObservableList<String> namesView = FXCollections.unmodifiableObservableList(names);
    private final ReadOnlyStringWrapper active = new ReadOnlyStringWrapper();
    private final ReadOnlyStringWrapper problem = new ReadOnlyStringWrapper();
    private final ReadOnlyStringWrapper secretHint = new ReadOnlyStringWrapper("");
    private final ReadOnlyIntegerWrapper revision = new ReadOnlyIntegerWrapper();
    /** True while a profile is copied into the connection's fields: those changes are not edits. */
    private boolean loading;

    /**
     * @param saved      the saved profiles; blank and repeated names are dropped, none gives the defaults
     * @param activeName the last used profile; an unknown name selects the first
     */
    public ProfilesViewModel(ConnectionViewModel connection, List<ConnectionProfile> saved, String activeName) {
        this.connection = connection;
        for (ConnectionProfile p : saved == null ? List.<ConnectionProfile>of() : saved) {
            if (!p.name().isEmpty() && indexOf(p.name()) < 0) {
                profiles.add(p);
                names.add(p.name());
            }
        }
        if (profiles.isEmpty()) {
            ConnectionProfile.defaults().forEach(p -> {
                profiles.add(p);
                names.add(p.name());
            });
        }
        int start = activeName == null ? -1 : indexOf(activeName);
        load(Math.max(start, 0));

        connection.modeProperty().addListener((o, a, b) -> editActive());
        connection.bootstrapServersProperty().addListener((o, a, b) -> editActive());
        connection.clientConfigFileProperty().addListener((o, a, b) -> editActive());
        connection.clientPropertiesProperty().addListener((o, a, b) -> editActive());
        secretHint.bind(Bindings.createStringBinding(
                () -> SecretKeys.hint(connection.clientPropertiesProperty().get()),
                connection.clientPropertiesProperty()));
    }

    /**
     * Makes {@code name} the active profile; a running connection stops first (it belongs to the
     * profile being left). Ignored while a start is in progress or for an unknown name.
     */
    public void select(String name) {
        int i = name == null ? -1 : indexOf(name);
        if (i < 0 || names.get(i).equals(active.get())
                || connection.statusProperty().get() == ConnectionViewModel.Status.STARTING) {
            return;
        }
        connection.stop();
        problem.set(null);
        load(i);
        revision.set(revision.get() + 1);
    }

    /** Adds a Custom-cluster profile called {@code name} and switches to it; false (and a sentence) if the name is taken. */
    public boolean create(String name) {
        String n = name == null ? "" : name.strip();
        if (!validName(n, -1)) {
            return false;
        }
        ConnectionProfile p = new ConnectionProfile(n, ConnectionMode.CUSTOM, ConnectionProfile.DEFAULT_SERVERS, "", "");
        profiles.add(p);
        names.add(n);
        select(n);
        return true;
    }

    /** Renames the active profile; false (and a sentence) if the new name is blank or taken. */
    public boolean rename(String newName) {
        String n = newName == null ? "" : newName.strip();
        int i = indexOf(active.get());
        if (!validName(n, i)) {
            return false;
        }
        profiles.set(i, profiles.get(i).withName(n));
        active.set(n); // before the list changes, so a list view that re-selects finds it
        names.set(i, n);
        problem.set(null);
        revision.set(revision.get() + 1);
        return true;
    }

    /** Deletes the active profile and switches to its neighbour; the last profile cannot be deleted. */
    public boolean delete() {
        if (connection.statusProperty().get() == ConnectionViewModel.Status.STARTING) {
            return false;
        }
        if (profiles.size() == 1) {
            problem.set("PayPulse needs at least one profile: create another one before deleting '"
                    + active.get() + "'.");
            return false;
        }
        int i = indexOf(active.get());
        connection.stop();
        profiles.remove(i);
        active.set(null);
        names.remove(i);
        problem.set(null);
        load(Math.min(i, profiles.size() - 1));
        revision.set(revision.get() + 1);
        return true;
    }

    /**
     * Makes the active profile a Custom cluster that refers to a Kafka client properties file. Only
     * the path is kept; the file is read again at each connect, so its secrets never reach the app's
     * settings. The file is read once now to report a problem at once and to take its
     * {@code bootstrap.servers}, if it has one. False (and a sentence) when it cannot be read.
     */
    public boolean importFile(Path file) {
        Path abs = file.toAbsolutePath().normalize();
        Map<String, String> read;
        try {
            read = ClientProperties.load(abs);
        } catch (ConfigException e) {
            problem.set(e.getMessage());
            return false;
        }
        problem.set(null);
        connection.modeProperty().set(ConnectionMode.CUSTOM);
        String servers = read.get(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG);
        if (servers != null && !servers.isBlank()) {
            connection.bootstrapServersProperty().set(servers.strip());
        }
        connection.clientConfigFileProperty().set(abs.toString());
        return true;
    }

    /** The active profile no longer refers to a client properties file. */
    public void clearFile() {
        connection.clientConfigFileProperty().set("");
    }

    public void dismissProblem() {
        problem.set(null);
    }

    /** All profiles as they are now, in list order (for saving). */
    public List<ConnectionProfile> profiles() {
        return List.copyOf(profiles);
    }

    public ObservableList<String> names() {
        return namesView;
    }

    public ReadOnlyStringProperty activeProperty() {
        return active.getReadOnlyProperty();
    }

    /** One sentence about the last refused command, or null. */
    public ReadOnlyStringProperty problemProperty() {
        return problem.getReadOnlyProperty();
    }

    /** A recommendation when the inline properties hold a plain secret, else empty. */
    public ReadOnlyStringProperty secretHintProperty() {
        return secretHint.getReadOnlyProperty();
    }

    public ReadOnlyIntegerProperty revisionProperty() {
        return revision.getReadOnlyProperty();
    }

    private void load(int i) {
        ConnectionProfile p = profiles.get(i);
        loading = true;
        try {
            connection.modeProperty().set(p.mode());
            connection.bootstrapServersProperty().set(p.bootstrapServers());
            connection.clientConfigFileProperty().set(p.clientConfigFile());
            connection.clientPropertiesProperty().set(p.inlineProperties());
            active.set(p.name());
        } finally {
            loading = false;
        }
    }

    private void editActive() {
        int i = active.get() == null ? -1 : indexOf(active.get());
        if (loading || i < 0) {
            return;
        }
        profiles.set(i, new ConnectionProfile(active.get(), connection.modeProperty().get(),
                connection.bootstrapServersProperty().get(), connection.clientConfigFileProperty().get(),
                connection.clientPropertiesProperty().get()));
        revision.set(revision.get() + 1);
    }

    private boolean validName(String n, int self) {
        if (n.isEmpty()) {
            problem.set("Give the profile a name, e.g. the cluster's environment (staging, production).");
            return false;
        }
        int other = indexOf(n);
        if (other >= 0 && other != self) {
            problem.set("A profile named '" + names.get(other) + "' already exists; choose another name.");
            return false;
        }
        return true;
    }

    /** Names are unique regardless of case, so two profiles never look alike in the list. */
    private int indexOf(String name) {
        String key = name.strip().toLowerCase(Locale.ROOT);
        for (int i = 0; i < names.size(); i++) {
            if (names.get(i).toLowerCase(Locale.ROOT).equals(key)) {
                return i;
            }
        }
        return -1;
    }
}
