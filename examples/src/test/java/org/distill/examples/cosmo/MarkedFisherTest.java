package org.distill.examples.cosmo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import org.distill.physics.cosmo.Cosmology;
import org.distill.physics.cosmo.stats.WhiteMark;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The campaign: its plan, the store, and resuming a stopped campaign without rerunning finished simulations. */
class MarkedFisherTest {
    @TempDir Path dir;

    /** 8³ particles, 2 steps: a simulation in well under a second. */
    static MarkedFisher.Settings.Builder tiny() {
        return MarkedFisher.Settings.builder().boxSize(100).particles(8).mesh(16).steps(2).powerMesh(16).kMax(0.45).binFactor(1)
                .fiducialSims(15).derivativeSims(1).bootstrap(0).threads(1);
    }

    @Test void planFollowsQuijotesDesign() {
        MarkedFisher.Settings s = tiny().fiducialSims(4).derivativeSims(2).build();
        List<MarkedFisher.SimSpec> plan = MarkedFisher.plan(s);
        // 4 fiducial + 2 seeds × (5 parameters × 2 + 3 Mν points)
        assertThat(plan).hasSize(4 + 2 * 13);
        Map<String, MarkedFisher.SimSpec> byFile = new HashMap<>();
        for (MarkedFisher.SimSpec p : plan) byFile.put(p.fileName(), p);
        assertThat(byFile).hasSize(plan.size());
        Cosmology q = Cosmology.QUIJOTE;
        assertThat(byFile.get("Om_p-2.json").cosmology().omegaM()).isEqualTo(q.omegaM() + 0.01);
        assertThat(byFile.get("Ob_m-1.json").cosmology().omegaB()).isEqualTo(q.omegaB() - 0.002);
        assertThat(byFile.get("h_p-1.json").cosmology().h()).isEqualTo(q.h() + 0.02);
        assertThat(byFile.get("ns_m-1.json").cosmology().ns()).isEqualTo(q.ns() - 0.02);
        assertThat(byFile.get("s8_p-1.json").cosmology().sigma8()).isEqualTo(q.sigma8() + 0.015);
        assertThat(byFile.get("Mnu_ppp-2.json").cosmology().mnu()).isEqualTo(0.4);
        // Mν runs keep the fiducial primordial amplitude, the others are normalised to their σ8
        assertThat(byFile.get("Mnu_p-1.json").primordialAmplitude()).isBetween(1e-9, 3e-9);
        assertThat(byFile.get("Om_p-1.json").primordialAmplitude()).isZero();
        // seed by seed: every set of seed 1 before anything of seed 2
        int lastSeed1 = 0, firstSeed2 = plan.size();
        for (int i = 0; i < plan.size(); i++) {
            if (plan.get(i).seed() == 1) lastSeed1 = i;
            if (plan.get(i).seed() == 2) firstSeed2 = Math.min(firstSeed2, i);
        }
        assertThat(lastSeed1).isLessThan(firstSeed2);
    }

    @Test void aStoppedCampaignResumesWithoutRerunningFinishedSimulations() throws IOException {
        MarkedFisher.Settings s = tiny().build();
        MarkedFisher.Store store = MarkedFisher.Store.open(dir, s.physics());
        AtomicBoolean cancel = new AtomicBoolean();
        MarkedFisher.Campaign first = MarkedFisher.simulate(s, store, (done, total, stats, reused) -> {
            if (done == 10) cancel.set(true);
        }, cancel);
        assertThat(first.cancelled()).isTrue();
        assertThat(first.ran()).isEqualTo(10);
        List<MarkedFisher.SimSpec> plan = MarkedFisher.plan(s);
        assertThat(store.manifest().sims()).isEqualTo(plan);
        Map<String, FileTime> written = new HashMap<>();
        for (int i = 0; i < 10; i++) {
            Path f = dir.resolve("sims").resolve(plan.get(i).fileName());
            written.put(f.toString(), Files.getLastModifiedTime(f));
        }
        assertThat(Files.list(dir.resolve("sims")).count()).isEqualTo(10);

        MarkedFisher.Campaign second = MarkedFisher.simulate(s, MarkedFisher.Store.open(dir, s.physics()), MarkedFisher.Listener.NONE,
                new AtomicBoolean());
        assertThat(second.cancelled()).isFalse();
        assertThat(second.reused()).isEqualTo(10);
        assertThat(second.ran()).isEqualTo(plan.size() - 10);
        for (var e : written.entrySet()) assertThat(Files.getLastModifiedTime(Path.of(e.getKey()))).isEqualTo(e.getValue());
        // the stored statistics are those of the first run
        MarkedFisher.SimStats again = store.read(plan.get(0));
        assertThat(again.spectrum("")).containsExactly(second.stats().get(plan.get(0).fileName()).spectrum(""));

        MarkedFisher.Analysis a = MarkedFisher.analyse(s, second.stats());
        assertThat(a.fiducialSims()).isEqualTo(15);
        assertThat(a.derivativeSims()).isEqualTo(1);
        for (MarkedFisher.Forecast f : a.forecasts()) for (double sigma : f.marginalized()) assertThat(sigma).isPositive().isFinite();
    }

    @Test void aNewMarkRerunsOnlyToMeasureItAndKeepsTheOldOne() throws IOException {
        MarkedFisher.Settings s = tiny().fiducialSims(2).build();
        MarkedFisher.Store store = MarkedFisher.Store.open(dir, s.physics());
        MarkedFisher.simulate(s, store, MarkedFisher.Listener.NONE, new AtomicBoolean());
        WhiteMark other = new WhiteMark(15, 1, 0.5);
        MarkedFisher.Settings s2 = tiny().fiducialSims(2).marks(List.of(other)).build();
        MarkedFisher.Campaign c = MarkedFisher.simulate(s2, store, MarkedFisher.Listener.NONE, new AtomicBoolean());
        assertThat(c.reused()).isZero();
        MarkedFisher.SimStats st = store.read(MarkedFisher.plan(s2).get(0));
        assertThat(st.has(List.of(WhiteMark.MASSARA, other))).isTrue();
        // now both marks are there: nothing to run
        MarkedFisher.Settings both = tiny().fiducialSims(2).marks(List.of(WhiteMark.MASSARA, other)).build();
        assertThat(MarkedFisher.simulate(both, store, MarkedFisher.Listener.NONE, new AtomicBoolean()).ran()).isZero();
    }

    @Test void aFolderWithOtherSimulationSettingsIsRefused() throws IOException {
        MarkedFisher.Settings s = tiny().fiducialSims(1).build();
        MarkedFisher.simulate(s, MarkedFisher.Store.open(dir, s.physics()), MarkedFisher.Listener.NONE, new AtomicBoolean());
        assertThatThrownBy(() -> MarkedFisher.Store.open(dir, tiny().steps(3).build().physics()))
                .hasMessageContaining("holds a campaign with other simulation settings");
    }

    @Test void settingsAreChecked() {
        assertThatThrownBy(() -> tiny().fiducialSims(1).derivativeSims(2).build()).hasMessageContaining("fiducialSims must be in [2, 1000000] (at least the derivative seeds): 1");
        assertThatThrownBy(() -> tiny().kMax(0.2).build()).hasMessageContaining("leaves 2 k bins per statistic; need at least 6");
        assertThatThrownBy(() -> tiny().kMax(0.9).build()).hasMessageContaining("Nyquist");
    }
}
