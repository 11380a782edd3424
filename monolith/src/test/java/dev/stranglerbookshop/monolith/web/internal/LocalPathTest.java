package dev.stranglerbookshop.monolith.web.internal;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

import java.net.URI;

import static org.assertj.core.api.Assertions.assertThat;

/** Sign-in's "come back to" target can never leave the site, whatever it is given (an open redirect otherwise). */
class LocalPathTest {

    @Property(tries = 2000)
    void anyTargetStaysOnThisSite(@ForAll String next) {
        check(next);
    }

    @Property(tries = 2000)
    void targetsThatLookLikePathsStayOnThisSite(@ForAll("slashy") String next) {
        check(next);
    }

    @Provide
    Arbitrary<String> slashy() {
        return Arbitraries.strings().withChars("/\\:.@?#%evil\t\n {}<>\u2028").ofMaxLength(12).map(s -> "/" + s);
    }

    @Example
    void aPathOfThisSiteIsKept() {
        assertThat(PageSupport.localPath("/shop/orders?page=2"))
                .isEqualTo("/shop/orders?page=2");
    }

    private static void check(String next) {
        String target = PageSupport.localPath(next);
        // Always a valid URI (it becomes a Location header: an invalid one was a 500), on this site.
        URI resolved = URI.create("https://shop.example/").resolve(target);
        assertThat(resolved.getHost()).as(next).isEqualTo("shop.example");
        assertThat(target).startsWith("/").doesNotStartWith("//").doesNotStartWith("/\\");
    }
}
