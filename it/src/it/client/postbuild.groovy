// The build passed; check that it did what it is for: the processor wrote MoonsNet, and TrainMoons ran
// (it throws if MoonsNet did not learn, which fails the build before this script).
def generated = new File(basedir, 'target/generated-sources/annotations/demo/MoonsNet.java')
if (!generated.isFile()) {
    throw new IllegalStateException("the processor did not write ${generated}")
}
def log = new File(basedir, 'build.log').getText('UTF-8')
def trained = log.readLines().find { it.startsWith('moons: loss ') }
if (trained == null) {
    throw new IllegalStateException("build.log has no line 'moons: loss …': demo.TrainMoons did not run")
}
println "postbuild.groovy: ${trained}"
return true
