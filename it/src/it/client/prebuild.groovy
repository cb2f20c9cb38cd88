// The client's pom.xml is the README's, as a user pastes it: copied from the README on every run, so that
// the two cannot drift apart. Variables: basedir (this project's copy under target/its), readme and
// chainruleVersion (from it/pom.xml).
def marker = "<!-- it/src/it/client/prebuild.groovy copies the next block to the test client's pom.xml -->"
def text = new File(readme).getText('UTF-8')
int at = text.indexOf(marker)
if (at < 0) {
    throw new IllegalStateException("${readme} has no line ${marker} before the pom.xml it shows users")
}
def block = text.substring(at + marker.length()) =~ /(?s)\A\s*```xml\n(.*?\n)```/
if (!block.find()) {
    throw new IllegalStateException("${readme}: the line after ${marker} must open a ```xml block")
}
String pom = block.group(1)

// chainrule's own coordinates in it must be this build's version, else the client would not test this build
def versions = (pom =~ /(?s)<artifactId>(chainrule-[a-z]+)<\/artifactId>\s*<version>([^<]*)<\/version>/)
        .collect { it[1] + ' ' + it[2] }
def expected = ['chainrule-runtime', 'chainrule-processor'].collect { it + ' ' + chainruleVersion }
if (versions.sort() != expected.sort()) {
    throw new IllegalStateException("the README's pom.xml must ask for ${expected}, but asks for ${versions}")
}

new File(basedir, 'pom.xml').setText(pom, 'UTF-8')
println "prebuild.groovy: pom.xml (${pom.readLines().size()} lines) copied from ${readme}"
return true
