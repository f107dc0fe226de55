package io.github.kestimator.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.testing.compile.Compilation;
import io.github.kestimator.model.LearningRateSchedule;
import io.github.kestimator.model.Model;
import io.github.kestimator.model.OptimizerType;
import io.github.kestimator.model.ParamDef;
import io.github.kestimator.runtime.binding.ModelBinding;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Every optimizer compiles with every parameter it takes set to a value other than its default, and
 * the generated model carries those values.
 */
class EveryOptimizerTest {
  /**
   * For each parameter any optimizer takes, a valid value that is no optimizer's default: as
   * written, as resolved.
   */
  private static final Map<String, Object[]> VALUES =
      Map.ofEntries(
          Map.entry("learningRate", new Object[] {"0.05", 0.05}),
          Map.entry("momentum", new Object[] {"0.5", 0.5}),
          Map.entry("nesterov", new Object[] {"true", true}),
          Map.entry("beta1", new Object[] {"0.8", 0.8}),
          Map.entry("beta2", new Object[] {"0.99", 0.99}),
          Map.entry("epsilon", new Object[] {"1e-6", 1e-6}),
          Map.entry("amsgrad", new Object[] {"true", true}),
          Map.entry("weightDecay", new Object[] {"0.01", 0.01}),
          Map.entry("rho", new Object[] {"0.8", 0.8}),
          Map.entry("initialAccumulatorValue", new Object[] {"0.2", 0.2}),
          Map.entry("learningRatePower", new Object[] {"-0.25", -0.25}),
          Map.entry("l1RegularizationStrength", new Object[] {"0.01", 0.01}),
          Map.entry("l2RegularizationStrength", new Object[] {"0.02", 0.02}),
          Map.entry("clipNorm", new Object[] {"1.0", 1.0}),
          Map.entry("clipValue", new Object[] {"0.5", 0.5}),
          Map.entry("decay", new Object[] {"0.001", 0.001}),
          Map.entry(
              "schedule",
              new Object[] {
                "@LearningRateSchedule(value = ScheduleType.EXPONENTIAL_DECAY, decaySteps = 100, decayRate = 0.5)",
                LearningRateSchedule.exponentialDecay(100, 0.5, false)
              }));

  @Test
  void everyOptimizerWithAllItsOwnParametersCompiles() throws ReflectiveOperationException {
    for (OptimizerType type : OptimizerType.values()) {
      String name =
          "Opt" + type.name().charAt(0) + type.name().substring(1).toLowerCase(Locale.ROOT);
      List<String> args = new ArrayList<>(List.of("value = " + type.name()));
      for (ParamDef d : type.params()) {
        assertTrue(VALUES.containsKey(d.name()), "no test value for " + type + "." + d.name());
        assertNotEquals(
            d.type().coerce(d.defaultValue()),
            VALUES.get(d.name())[1],
            type + "." + d.name() + " default");
        args.add(d.name() + " = " + VALUES.get(d.name())[0]);
      }
      Compilation compilation =
          Models.compile(
              Models.source(
                  name,
                  "@KerasModel",
                  "@Compile(loss = MEAN_SQUARED_ERROR, optimizer = @Optimizer("
                      + String.join(", ", args)
                      + "))",
                  "class " + name + " {",
                  "  @Dense(units = 1, inputShape = 2) Layer out;",
                  "}"));
      assertThat(compilation).succeededWithoutWarnings();
      @SuppressWarnings("unchecked")
      Model model =
          ((ModelBinding<Object, Object, Object, Object>)
                  new CompiledClasses(compilation)
                      .staticField("test." + name + "Binding", "INSTANCE"))
              .model();
      assertEquals(type, model.compile().optimizer().type());
      assertEquals(
          type.params().size(), model.optimizer().asMap().size(), type + ": " + model.optimizer());
      for (ParamDef d : type.params()) {
        assertEquals(
            VALUES.get(d.name())[1], model.optimizer().get(d.name()), type + "." + d.name());
      }
    }
  }

  @Test
  void aParameterNotGivenTakesTheOptimizersOwnKerasDefault() throws ReflectiveOperationException {
    Compilation compilation =
        Models.compile(
            Models.source(
                "Rms",
                "@KerasModel",
                "@Compile(loss = MEAN_SQUARED_ERROR, optimizer = @Optimizer(RMSPROP))",
                "class Rms {",
                "  @Dense(units = 1, inputShape = 2) Layer out;",
                "}"));
    assertThat(compilation).succeededWithoutWarnings();
    @SuppressWarnings("unchecked")
    Model model =
        ((ModelBinding<Object, Object, Object, Object>)
                new CompiledClasses(compilation).staticField("test.RmsBinding", "INSTANCE"))
            .model();
    assertEquals(0.001, model.learningRate());
    assertEquals(0.9, model.optimizer().getDouble("rho"));
    assertEquals(0.0, model.optimizer().getDouble("clipNorm"), "not given: no clipping");
  }
}
