package io.github.cosmicarch.allocation.spring.boot;

import org.springframework.beans.factory.config.BeanFactoryPostProcessor;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.EnvironmentAware;
import org.springframework.core.env.Environment;

/**
 * Binds the {@code allocation.*} properties before any bean is created, so that a value out of
 * range stops the application before the migrations, Hibernate or the web server start, with
 * Boot's failure analysis naming the property.
 */
final class AllocationPropertiesCheck implements BeanFactoryPostProcessor, EnvironmentAware {

    private Environment environment;

    @Override
    public void setEnvironment(Environment environment) {
        this.environment = environment;
    }

    @Override
    public void postProcessBeanFactory(ConfigurableListableBeanFactory beanFactory) {
        Binder.get(environment).bindOrCreate("allocation", AllocationProperties.class);
    }
}
