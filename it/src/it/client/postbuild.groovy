// The build passed; check that it did what it is for: it compiled against this build's chainrule, the
// processor wrote MoonsNet, and TrainMoons ran (it throws if MoonsNet did not learn, which fails the build
// before this script).
def log = new File(basedir, 'build.log').getText('UTF-8').readLines()
def fetched = log.findAll { it =~ /Download(ing|ed) from .*\/io\/github\/chainrule\// }
if (fetched) {
    throw new IllegalStateException("chainrule must come from it-repo, where invoker:install put this build's jars,"
            + " but the client fetched it:\n" + fetched.join('\n'))
}
def generated = new File(basedir, 'target/generated-sources/annotations/demo/MoonsNet.java')
if (!generated.isFile()) {
    throw new IllegalStateException("the processor did not write ${generated}")
}
def trained = log.find { it.startsWith('moons: loss ') }
if (trained == null) {
    throw new IllegalStateException("build.log has no line 'moons: loss …': demo.TrainMoons did not run")
}
println "postbuild.groovy: ${trained}"
return true
