package org.distill.physics.streams;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GaiaCsvTest {
    @TempDir Path folder;

    private Path file(String text) throws IOException {
        Path f = folder.resolve("gaia.csv");
        Files.writeString(f, text);
        return f;
    }

    @Test
    void readsGaiaArchiveColumnsInAnyOrderIgnoringCaseAndExtras() throws IOException {
        Path f = file("""
                \uFEFFsource_id,DEC,ra,parallax,pmra,pmdec,phot_g_mean_mag,bp_rp,radial_velocity
                # a comment
                1,10.5,150.25,0.2,-1.5,2.5,18.1,0.9,
                2,-3.0,20.0,1.5e-1,0.0,-0.5,12.0,1.4,33.0
                """);
        StarCatalog stars = GaiaCsv.read(f);
        assertThat(stars.size()).isEqualTo(2);
        assertThat(stars.row(0)).containsExactly(150.25, 10.5, -1.5, 2.5, 0.2, 18.1, 0.9);
        assertThat(stars.row(1)).containsExactly(20.0, -3.0, 0.0, -0.5, 0.15, 12.0, 1.4);
        assertThat(GaiaCsv.of().readTable(f).member()).isEmpty();
    }

    @Test
    void writesAndReadsTasksWithMembers() throws IOException {
        StreamTask task = StreamTaskGenerator.builder().seed(4).members(15).fieldRatio(5).build().generate(0);
        Path f = folder.resolve("task.csv");
        GaiaCsv.write(f, task.stars(), task.member());
        GaiaCsv.Table table = GaiaCsv.of().readTable(f);
        assertThat(table.stars()).isEqualTo(task.stars());
        assertThat(table.member()).hasValueSatisfying(m -> assertThat(m).isEqualTo(task.member()));
        assertThat(table.skipped()).isZero();
        assertThat(Files.readAllLines(f).getFirst()).isEqualTo("ra,dec,pmra,pmdec,parallax,phot_g_mean_mag,bp_rp,member");
    }

    @Test
    void errorsNameFileLineAndColumn() throws IOException {
        String header = "ra,dec,pmra,pmdec,parallax,phot_g_mean_mag,bp_rp\n";
        Path f = file(header + "1,2,3,4,5,6,7\n1,2,3,4,abc,6,7\n");
        assertThatThrownBy(() -> GaiaCsv.read(f)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage(f + " line 3, column 'parallax': not a number: 'abc'");
        Path g = file(header + "1,2,3,4,5,6,7\n1,2,,4,5,6,7\n");
        assertThatThrownBy(() -> GaiaCsv.read(g))
                .hasMessage(g + " line 3, column 'pmra': missing value (set skipIncomplete to drop such rows)");
        Path h = file("ra,dec,pmra,parallax,g\n1,2,3,4,5\n");
        assertThatThrownBy(() -> GaiaCsv.read(h)).hasMessage(h + ": missing columns pmdec, phot_g_mean_mag, bp_rp; "
                + "the header has [ra, dec, pmra, parallax, g]");
        Path k = file(header + "1,2,3,4,5,6\n");
        assertThatThrownBy(() -> GaiaCsv.read(k)).hasMessage(k + " line 2 has 6 fields, the header has 7");
        Path m = file(header.strip() + ",member\n1,2,3,4,5,6,7,maybe\n");
        assertThatThrownBy(() -> GaiaCsv.of().readTable(m))
                .hasMessage(m + " line 2, column 'member': not a member flag (1/0, true/false, yes/no): 'maybe'");
        Path n = file(header + "1,2,3,4,5,Infinity,7\n");
        assertThatThrownBy(() -> GaiaCsv.read(n))
                .hasMessage(n + " line 2, column 'phot_g_mean_mag': not a finite decimal number: 'Infinity'");
    }

    @Test
    void incompleteRowsCanBeSkipped() throws IOException {
        Path f = file("""
                ra,dec,pmra,pmdec,parallax,phot_g_mean_mag,bp_rp,is_member
                1,2,3,4,5,6,7,yes
                1,2,NaN,4,5,6,7,no
                8,9,10,11,12,13,,false
                14,15,16,17,18,19,20,0
                """);
        GaiaCsv.Table t = GaiaCsv.builder().skipIncomplete(true).memberColumn("IS_MEMBER").build().readTable(f);
        assertThat(t.stars().size()).isEqualTo(2);
        assertThat(t.skipped()).isEqualTo(2);
        assertThat(t.stars().ra()).containsExactly(1, 14);
        assertThat(t.member()).hasValueSatisfying(m -> assertThat(m).containsExactly(true, false));
        assertThatThrownBy(() -> GaiaCsv.builder().memberColumn(" ")).hasMessage("memberColumn must be non-blank: ' '");
    }
}
